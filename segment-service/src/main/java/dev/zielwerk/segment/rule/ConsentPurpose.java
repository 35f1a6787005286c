package dev.zielwerk.segment.rule;

/**
 * The consent purposes a rule can require (DESIGN.md, "Contracts"). The segment service
 * keeps its own copy: services share contracts, not code.
 */
public enum ConsentPurpose {

	/** Measurement and analytics. */
	ANALYTICS,

	/** Personalised content. */
	PERSONALIZATION,

	/** Marketing e-mail. */
	EMAIL_MARKETING,

	/** Advertising audiences. */
	ADVERTISING,

	/** Sharing with partners. */
	PARTNER_SHARING

}
