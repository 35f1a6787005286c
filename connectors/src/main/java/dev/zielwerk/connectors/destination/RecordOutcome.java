package dev.zielwerk.connectors.destination;

/**
 * What a destination did with one member of a batch.
 */
public sealed interface RecordOutcome {

	/**
	 * The member's sync key.
	 * @return the key
	 */
	String key();

	/**
	 * The destination applied the change (or it was already in effect: adds and removes
	 * are set operations).
	 *
	 * @param key the member's key
	 * @param note destination-specific detail, empty when none (for example
	 * {@code pending} when Mailchimp needs a double opt-in)
	 */
	record Accepted(String key, String note) implements RecordOutcome {

		public static Accepted of(String key) {
			return new Accepted(key, "");
		}

	}

	/**
	 * The destination refused this member.
	 *
	 * @param key the member's key
	 * @param code the destination's error code, or an HTTP status
	 * @param reason the destination's message, free of personal data
	 * @param retryable whether a later run may succeed with the same data
	 */
	record Rejected(String key, String code, String reason, boolean retryable) implements RecordOutcome {

	}

}
