package dev.zielwerk.gateway.apq;

/**
 * The {@code extensions.code} values of persisted-query refusals. Apollo clients match on
 * {@code PERSISTED_QUERY_NOT_FOUND} (and on the message {@code PersistedQueryNotFound})
 * to send the full query once.
 */
public final class PersistedQueryCodes {

	/** The hash is unknown: send the query with the hash to register it. */
	public static final String NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";

	/** The SHA-256 of the sent query is not the hash sent with it. */
	public static final String HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH";

	/** Safelist mode: the operation is not registered. */
	public static final String NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST";

	/** Persisted queries are switched off. */
	public static final String NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED";

	/** A {@code persistedQuery.version} other than 1. */
	public static final String UNSUPPORTED_VERSION = "PERSISTED_QUERY_UNSUPPORTED_VERSION";

	/** A malformed {@code persistedQuery} extension. */
	public static final String BAD_REQUEST = "BAD_REQUEST";

	private PersistedQueryCodes() {
	}

}
