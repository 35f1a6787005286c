package dev.zielwerk.gateway.apq;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Query texts by id in Redis, shared by every gateway instance, with a bounded local
 * cache of hits in front (misses are not cached: another instance may register the
 * operation a moment later). Operations registered from the startup manifest are also
 * kept in memory for good, so a safelist keeps working while Redis is away.
 * <p>
 * Keys: {@code <zielwerk.redis.namespace>:gateway:apq:<hash>} for automatically persisted
 * queries (with a TTL) and {@code <namespace>:gateway:safelist:<id>} for registered
 * operations (no TTL). Redis failures and slow answers count as misses and are logged;
 * writes are best effort.
 */
public final class PersistedQueryStore {

	private static final Log logger = LogFactory.getLog(PersistedQueryStore.class);

	/** Which set of operations a key belongs to. */
	public enum Kind {

		/** Registered by clients (automatic persisted queries). */
		APQ("apq"),

		/** Registered by an operator (manifest or admin path). */
		SAFELIST("safelist");

		private final String segment;

		Kind(String segment) {
			this.segment = segment;
		}

	}

	private final ReactiveStringRedisTemplate redis;

	private final String prefix;

	private final Duration ttl;

	private final Duration timeout;

	private final Cache<String, String> local;

	private final Map<String, String> pinned = new ConcurrentHashMap<>();

	/**
	 * Creates a store.
	 * @param redis the Redis client
	 * @param namespace prefix of every key ({@code zielwerk.redis.namespace})
	 * @param ttl lifetime of automatically persisted queries
	 * @param timeout longest wait for a Redis command
	 * @param localCacheSize how many texts to keep in memory
	 */
	public PersistedQueryStore(ReactiveStringRedisTemplate redis, String namespace, Duration ttl, Duration timeout,
			int localCacheSize) {
		this.redis = redis;
		this.prefix = namespace + ":gateway:";
		this.ttl = ttl;
		this.timeout = timeout;
		this.local = Caffeine.newBuilder().maximumSize(localCacheSize).build();
	}

	String key(Kind kind, String id) {
		return this.prefix + kind.segment + ":" + id;
	}

	/**
	 * Looks an operation up.
	 * @param kind APQ or safelist
	 * @param id the hash or manifest id
	 * @return the query text, empty when unknown (or Redis did not answer in time)
	 */
	public Mono<String> find(Kind kind, String id) {
		String key = key(kind, id);
		String known = this.pinned.get(key);
		if (known == null) {
			known = this.local.getIfPresent(key);
		}
		if (known != null) {
			return Mono.just(known);
		}
		return this.redis.opsForValue()
			.get(key)
			.timeout(this.timeout)
			.doOnNext((text) -> this.local.put(key, text))
			.onErrorResume((ex) -> {
				logger.warn("Persisted query lookup in Redis failed (" + ex.getClass().getSimpleName()
						+ "); answering as not found");
				return Mono.empty();
			});
	}

	/**
	 * Registers an operation in Redis and the local cache.
	 * @param kind APQ (expires) or safelist (does not)
	 * @param id the hash or manifest id
	 * @param text the query text
	 * @return completes when Redis confirmed, or after a failure that was logged
	 */
	public Mono<Void> save(Kind kind, String id, String text) {
		String key = key(kind, id);
		this.local.put(key, text);
		Mono<Boolean> write = (kind == Kind.APQ) ? this.redis.opsForValue().set(key, text, this.ttl)
				: this.redis.opsForValue().set(key, text);
		return write.timeout(this.timeout).onErrorResume((ex) -> {
			logger.warn("Persisted query write to Redis failed (" + ex.getClass().getSimpleName()
					+ "); kept in this instance only");
			return Mono.empty();
		}).then();
	}

	/**
	 * Registers an operation for good in this instance and in Redis (the startup
	 * manifest).
	 */
	Mono<Void> pin(Kind kind, String id, String text) {
		this.pinned.put(key(kind, id), text);
		return save(kind, id, text);
	}

	/** Forgets the local cache (not the pinned manifest): for tests of sharing. */
	void clearLocalCache() {
		this.local.invalidateAll();
	}

}
