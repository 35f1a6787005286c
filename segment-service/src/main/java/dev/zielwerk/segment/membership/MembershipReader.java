package dev.zielwerk.segment.membership;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.store.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The segments of profiles, from the Redis per-profile sets (one pipelined SMEMBERS per
 * profile); from PostgreSQL when Redis fails, does not answer within
 * {@code zielwerk.segment.redis.read-timeout} (default 200ms: Redis answers in well under
 * a millisecond, and a client that is reconnecting would otherwise queue the read for its
 * whole command timeout), or its copy is incomplete (see {@link MembershipCache}).
 */
@Component
public final class MembershipReader {

	private static final Logger log = LoggerFactory.getLogger(MembershipReader.class);

	private final ReactiveStringRedisTemplate redis;

	private final DatabaseClient database;

	private final RedisKeys keys;

	private final Duration timeout;

	MembershipReader(ReactiveStringRedisTemplate redis, DatabaseClient database, RedisKeys keys,
			@Value("${zielwerk.segment.redis.read-timeout:200ms}") Duration timeout) {
		this.redis = redis;
		this.database = database;
		this.keys = keys;
		this.timeout = timeout;
	}

	/**
	 * The keys of the segments each profile is in.
	 * @param profileIds the profiles
	 * @return a set per profile, empty for profiles in no segment
	 */
	public Mono<Map<UUID, Set<String>>> segmentKeys(List<UUID> profileIds) {
		if (profileIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		Mono<Map<UUID, Set<String>>> sets = Flux.fromIterable(profileIds)
			.flatMap((id) -> this.redis.opsForSet()
				.members(this.keys.profileSegments(id))
				.collect(HashSet<String>::new, Set::add)
				.map((set) -> Map.entry(id, (Set<String>) set)))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		// without the marker the copy is incomplete (flushed, rebuild pending): read the
		// truth instead of answering "in no segment"
		return this.redis.hasKey(this.keys.membershipBuilt())
			.zipWith(sets)
			.flatMap((answer) -> answer.getT1() ? Mono.just(answer.getT2()) : fromDatabase(profileIds))
			.timeout(this.timeout)
			.onErrorResume((ex) -> {
				log.warn("Reading memberships from Redis failed, reading PostgreSQL: {}", ex.toString());
				return fromDatabase(profileIds);
			});
	}

	private Mono<Map<UUID, Set<String>>> fromDatabase(List<UUID> profileIds) {
		Map<UUID, Set<String>> result = new HashMap<>();
		profileIds.forEach((id) -> result.put(id, new HashSet<>()));
		return this.database.sql("SELECT profile_id, segment_key FROM memberships WHERE profile_id = ANY($1::uuid[])")
			.bind(0, profileIds.toArray(UUID[]::new))
			.map((row) -> Map.entry(row.get("profile_id", UUID.class), row.get("segment_key", String.class)))
			.all()
			.doOnNext((entry) -> result.get(entry.getKey()).add(entry.getValue()))
			.then(Mono.fromCallable(() -> result));
	}

}
