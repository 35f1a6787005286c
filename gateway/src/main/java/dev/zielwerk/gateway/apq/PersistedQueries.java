package dev.zielwerk.gateway.apq;

import java.util.List;
import java.util.Locale;

import dev.zielwerk.gateway.apq.PersistedQueryStore.Kind;
import dev.zielwerk.gateway.operation.RequestError;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Turns a request's query text and {@code extensions.persistedQuery} into the query text
 * to run, or a refusal with a stable code, before anything is parsed.
 * <ul>
 * <li>Automatic persisted queries (the default): a hash alone runs the text registered
 * under it or is answered {@code PERSISTED_QUERY_NOT_FOUND} (message
 * {@code PersistedQueryNotFound}, which Apollo clients answer by sending the text with
 * the hash); a text with a hash registers the text once its SHA-256 matches, else
 * {@code PERSISTED_QUERY_HASH_MISMATCH}.</li>
 * <li>Safelist mode: only operations registered by an operator run, by id or by their
 * exact text; everything else is {@code PERSISTED_QUERY_NOT_IN_LIST}, and clients
 * register nothing.</li>
 * </ul>
 */
public final class PersistedQueries {

	/** Longest id (hash) accepted; manifest ids need not be SHA-256 hashes. */
	static final int MAX_ID_LENGTH = 256;

	private final @Nullable PersistedQueryStore store;

	private final boolean safelist;

	/**
	 * Creates the resolver.
	 * @param store where operations are kept; null when persisted queries are off
	 * @param safelist whether only registered operations run
	 */
	public PersistedQueries(@Nullable PersistedQueryStore store, boolean safelist) {
		this.store = store;
		this.safelist = safelist;
	}

	/** Persisted queries switched off: a request with the extension is refused. */
	public static PersistedQueries disabled() {
		return new PersistedQueries(null, false);
	}

	/**
	 * The outcome of resolving a request.
	 *
	 * @param query the text to run (may be null when the request had none and used no
	 * persisted query: the pipeline reports that)
	 * @param error why the request is refused
	 */
	public record Resolution(@Nullable String query, @Nullable RequestError error) {

		static Resolution run(@Nullable String query) {
			return new Resolution(query, null);
		}

		static Resolution refuse(String message, String code) {
			return new Resolution(null, new RequestError(message, List.of(), code));
		}

	}

	/**
	 * Resolves a request.
	 * @param query the query text as sent, may be null
	 * @param extensions the request's {@code extensions}, may be null
	 * @return the text to run or the refusal; never an error signal
	 */
	public Mono<Resolution> resolve(@Nullable String query, @Nullable JsonNode extensions) {
		JsonNode persisted = (extensions != null) ? extensions.get("persistedQuery") : null;
		boolean hasQuery = query != null && !query.isBlank();
		PersistedQueryStore store = this.store;
		if (persisted == null || persisted.isNull()) {
			return (this.safelist && hasQuery && store != null) ? listed(store, query)
					: Mono.just(Resolution.run(query));
		}
		if (store == null) {
			return refuse("PersistedQueryNotSupported", PersistedQueryCodes.NOT_SUPPORTED);
		}
		if (!persisted.isObject()) {
			return refuse("`extensions.persistedQuery` must be an object with `version` and `sha256Hash`.",
					PersistedQueryCodes.BAD_REQUEST);
		}
		JsonNode version = persisted.get("version");
		if (version == null || !version.isIntegralNumber() || version.asInt() != 1) {
			return refuse("Unsupported persisted query version " + version + ": only version 1 is understood.",
					PersistedQueryCodes.UNSUPPORTED_VERSION);
		}
		JsonNode hashNode = persisted.get("sha256Hash");
		String hash = (hashNode != null && hashNode.isString()) ? hashNode.stringValue() : "";
		if (hash.isEmpty() || hash.length() > MAX_ID_LENGTH) {
			return refuse("`extensions.persistedQuery.sha256Hash` must be a non-empty string of at most "
					+ MAX_ID_LENGTH + " characters.", PersistedQueryCodes.BAD_REQUEST);
		}
		if (this.safelist) {
			Mono<Resolution> byId = store.find(Kind.SAFELIST, hash)
				.filter((text) -> !hasQuery || text.equals(query))
				.map(Resolution::run);
			return byId.switchIfEmpty(Mono.defer(() -> hasQuery ? listed(store, query)
					: refuse("The operation is not in the persisted query list.", PersistedQueryCodes.NOT_IN_LIST)));
		}
		String sha = hash.toLowerCase(Locale.ROOT);
		if (!hasQuery) {
			return store.find(Kind.APQ, sha)
				.switchIfEmpty(Mono.defer(() -> store.find(Kind.SAFELIST, hash)))
				.map(Resolution::run)
				.switchIfEmpty(refuse("PersistedQueryNotFound", PersistedQueryCodes.NOT_FOUND));
		}
		if (!Sha256.isHex(sha)) {
			return refuse("`extensions.persistedQuery.sha256Hash` must be the 64 hex digits of a SHA-256 hash.",
					PersistedQueryCodes.BAD_REQUEST);
		}
		if (!Sha256.hex(query).equals(sha)) {
			return refuse("provided sha does not match query", PersistedQueryCodes.HASH_MISMATCH);
		}
		return store.save(Kind.APQ, sha, query).thenReturn(Resolution.run(query));
	}

	/** Safelist mode with a full text: runs when exactly this text is registered. */
	private static Mono<Resolution> listed(PersistedQueryStore store, String query) {
		return store.find(Kind.SAFELIST, Sha256.hex(query))
			.filter(query::equals)
			.map(Resolution::run)
			.switchIfEmpty(
					refuse("The operation is not in the persisted query list.", PersistedQueryCodes.NOT_IN_LIST));
	}

	/**
	 * Registers a manifest's operations in the safelist, under their ids and under the
	 * SHA-256 of their text (so a client sending the full text is recognised too).
	 * @param manifest the operations
	 * @param pin whether this instance keeps them in memory for good (the startup
	 * manifest)
	 * @return how many operations were registered
	 */
	public Mono<Integer> register(PersistedQueryManifest manifest, boolean pin) {
		PersistedQueryStore store = this.store;
		if (store == null) {
			return Mono.error(new IllegalStateException("Persisted queries are switched off."));
		}
		return Flux.fromIterable(manifest.operations()).concatMap((operation) -> {
			String sha = Sha256.hex(operation.body());
			Mono<Void> byId = pin ? store.pin(Kind.SAFELIST, operation.id(), operation.body())
					: store.save(Kind.SAFELIST, operation.id(), operation.body());
			Mono<Void> byText = sha.equals(operation.id()) ? Mono.empty()
					: pin ? store.pin(Kind.SAFELIST, sha, operation.body())
							: store.save(Kind.SAFELIST, sha, operation.body());
			return byId.then(byText);
		}).then(Mono.just(manifest.operations().size()));
	}

	private static Mono<Resolution> refuse(String message, String code) {
		return Mono.just(Resolution.refuse(message, code));
	}

}
