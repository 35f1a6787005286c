package dev.zielwerk.segment.error;

/**
 * Input that cannot be accepted: names the offending field and says why. Maps to
 * {@code BAD_USER_INPUT}.
 */
public final class InvalidInputException extends RuntimeException {

	private final String field;

	public InvalidInputException(String field, String reason) {
		super(field + ": " + reason);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
