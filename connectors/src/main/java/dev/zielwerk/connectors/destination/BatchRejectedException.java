package dev.zielwerk.connectors.destination;

/**
 * The destination refused a whole request as invalid (4xx validation). Retrying the same
 * request cannot help; splitting it can, when one record spoils the batch.
 */
public final class BatchRejectedException extends DestinationException {

	public BatchRejectedException(String destination, int status, String code, String message) {
		super(destination, status, code, message);
	}

}
