package dev.zielwerk.gateway.execute;

/**
 * A subgraph request that failed for a reason a client may learn, with the
 * {@code extensions.code} to report (e.g. {@code SUBREQUEST_TIMEOUT}). Thrown by
 * {@link SubgraphClient} decorators; the executor puts one error per field the failed
 * fetch owned, at that field's path. The message must hold nothing internal.
 */
public class SubgraphFailure extends RuntimeException {

	private final String code;

	/**
	 * Creates a failure.
	 * @param code the {@code extensions.code}
	 * @param message what happened, safe to show to clients
	 */
	public SubgraphFailure(String code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	public String code() {
		return this.code;
	}

}
