package dev.zielwerk.profile.outbox;

/**
 * The kinds of profile stream message
 * (schema/src/main/resources/stream/envelope.schema.json).
 */
public enum MessageType {

	EVENT, TRAITS, CONSENT, MERGE, ERASE;

	/** The name used on the wire and in the outbox table. */
	public String wireName() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
