package dev.zielwerk.connectors.error;

/**
 * An input value was rejected; answered as {@code BAD_USER_INPUT} with
 * {@code extensions.field}.
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
