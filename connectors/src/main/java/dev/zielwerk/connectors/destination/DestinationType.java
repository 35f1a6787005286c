package dev.zielwerk.connectors.destination;

/**
 * The kinds of destination Zielwerk can sync to, each with the purpose its data use falls
 * under by default. CRM and webhook destinations may be configured for another purpose.
 */
public enum DestinationType {

	MAILCHIMP(ConsentPurpose.EMAIL_MARKETING),

	META_CUSTOM_AUDIENCE(ConsentPurpose.ADVERTISING),

	GOOGLE_CUSTOMER_MATCH(ConsentPurpose.ADVERTISING),

	HUBSPOT_LIST(ConsentPurpose.EMAIL_MARKETING),

	WEBHOOK(ConsentPurpose.PERSONALIZATION),

	CMS(ConsentPurpose.PERSONALIZATION);

	private final ConsentPurpose defaultPurpose;

	DestinationType(ConsentPurpose defaultPurpose) {
		this.defaultPurpose = defaultPurpose;
	}

	public ConsentPurpose defaultPurpose() {
		return this.defaultPurpose;
	}

}
