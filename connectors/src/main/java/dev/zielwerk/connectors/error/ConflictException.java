package dev.zielwerk.connectors.error;

/**
 * The request cannot be done in the current state (a destination whose sync is running
 * cannot be deleted); answered as {@code CONFLICT}.
 */
public final class ConflictException extends RuntimeException {

	public ConflictException(String message) {
		super(message);
	}

}
