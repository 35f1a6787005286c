package dev.zielwerk.connectors.sync;

/**
 * The audience could not be read (the gateway answered errors, or the segment is
 * unknown). The run keeps its checkpoint and is tried again later.
 */
public final class AudienceSourceException extends RuntimeException {

	public AudienceSourceException(String message) {
		super(message);
	}

}
