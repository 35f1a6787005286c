package dev.zielwerk.profile.consent;

/**
 * The purposes a person can consent to (mapped to IAB TCF v2.2 purposes in the README).
 */
public enum ConsentPurpose {

	ANALYTICS, PERSONALIZATION, EMAIL_MARKETING, ADVERTISING, PARTNER_SHARING

}
