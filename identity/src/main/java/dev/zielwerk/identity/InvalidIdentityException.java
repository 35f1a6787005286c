package dev.zielwerk.identity;

/**
 * The identity header is missing its signature, forged, expired or malformed; the message
 * says which.
 */
public class InvalidIdentityException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidIdentityException(String message) {
		super(message);
	}

}
