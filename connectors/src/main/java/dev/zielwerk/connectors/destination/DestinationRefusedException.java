package dev.zielwerk.connectors.destination;

/**
 * The destination refused the caller, not the data: bad credentials, missing permission,
 * unknown audience, endpoint gone (410). Neither retrying nor splitting helps; the
 * destination needs attention.
 */
public final class DestinationRefusedException extends DestinationException {

	public DestinationRefusedException(String destination, int status, String code, String message) {
		super(destination, status, code, message);
	}

}
