package dev.zielwerk.gateway.resilience;

/**
 * A subgraph answered 5xx or 429: a failure for the breaker and, for 502/503/504, worth a
 * retry.
 */
final class HttpStatusFailure extends RuntimeException {

	private final int status;

	HttpStatusFailure(int status) {
		super("HTTP " + status, null, false, false);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
