package dev.zielwerk.gateway.supergraph;

/**
 * A supergraph document that cannot be loaded, with the element at fault in the message.
 */
public final class SupergraphException extends RuntimeException {

	SupergraphException(String message) {
		super(message);
	}

	SupergraphException(String message, Throwable cause) {
		super(message, cause);
	}

}
