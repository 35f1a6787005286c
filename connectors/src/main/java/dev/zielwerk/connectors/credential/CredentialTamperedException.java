package dev.zielwerk.connectors.credential;

/**
 * A stored credential could not be authenticated: altered, moved to another destination,
 * or encrypted under a key this instance does not have.
 */
public final class CredentialTamperedException extends RuntimeException {

	public CredentialTamperedException(String message) {
		super(message);
	}

}
