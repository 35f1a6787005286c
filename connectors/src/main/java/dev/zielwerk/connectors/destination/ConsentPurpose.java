package dev.zielwerk.connectors.destination;

/**
 * The consent purposes of the platform (see DESIGN.md); a destination requires exactly
 * one.
 */
public enum ConsentPurpose {

	ANALYTICS, PERSONALIZATION, EMAIL_MARKETING, ADVERTISING, PARTNER_SHARING

}
