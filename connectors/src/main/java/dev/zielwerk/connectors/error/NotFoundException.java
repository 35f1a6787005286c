package dev.zielwerk.connectors.error;

/**
 * The addressed entity does not exist; answered as {@code NOT_FOUND}.
 */
public final class NotFoundException extends RuntimeException {

	public NotFoundException(String message) {
		super(message);
	}

}
