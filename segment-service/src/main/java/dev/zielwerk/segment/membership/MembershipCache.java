package dev.zielwerk.segment.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.store.RedisKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the Redis copy of membership whole: a marker key says the copy is complete; at
 * start and whenever the marker is gone (Redis flushed or replaced), both kinds of sets
 * are rebuilt from PostgreSQL, the truth. A segment's set is built aside and renamed over
 * the live one; per-profile sets are rewritten, and those of profiles in no segment are
 * deleted. Changes committed while a rebuild runs are applied by their own writers; a set
 * rebuilt from an older read can miss one of them until the next rebuild (the check runs
 * every {@code zielwerk.segment.cache.check-interval}, default 10s).
 */
@Component
public final class MembershipCache implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(MembershipCache.class);

	private static final int PAGE = 500;

	// SCAN walks the whole key space of the Redis database, other namespaces included:
	// big
	// steps keep a rebuild quick on a Redis shared with millions of other keys
	private static final int SCAN_STEP = 20_000;

	private final DatabaseClient database;

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeys keys;

	private final Duration interval;

	private volatile @Nullable Disposable running;

	MembershipCache(DatabaseClient database, ReactiveStringRedisTemplate redis, RedisKeys keys,
			@Value("${zielwerk.segment.cache.check-interval:10s}") Duration interval) {
		this.database = database;
		this.redis = redis;
		this.keys = keys;
		this.interval = interval;
	}

	/**
	 * Rebuilds the Redis copy when its marker is missing.
	 * @return whether it rebuilt
	 */
	public Mono<Boolean> rebuildIfMissing() {
		return this.redis.hasKey(this.keys.membershipBuilt())
			.flatMap((built) -> built ? Mono.just(false) : rebuild().thenReturn(true));
	}

	/**
	 * Rebuilds every set from PostgreSQL, then sets the marker.
	 * @return done
	 */
	public Mono<Void> rebuild() {
		Mono<Void> segments = this.database
			.sql("SELECT s.key, m.profile_id FROM segments s LEFT JOIN memberships m ON m.segment_key = s.key")
			.map((row) -> Map.entry(String.valueOf(row.get("key", String.class)),
					Optional.ofNullable(row.get("profile_id", UUID.class))))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.flatMapMany((bySegment) -> Flux.fromIterable(bySegment.entrySet()))
			.concatMap((entry) -> replaceSegment(entry.getKey(),
					entry.getValue().stream().flatMap(Optional::stream).map(UUID::toString).toList()))
			.then();
		Mono<Map<UUID, List<String>>> byProfile = this.database.sql("SELECT profile_id, segment_key FROM memberships")
			.map((row) -> Map.entry(row.get("profile_id", UUID.class),
					String.valueOf(row.get("segment_key", String.class))))
			.all()
			.collect(HashMap::new, (map, entry) -> map.computeIfAbsent(entry.getKey(), (id) -> new ArrayList<>())
				.add(entry.getValue()));
		Mono<Void> profiles = byProfile
			.flatMap((map) -> staleProfileSets(map.keySet()).then(Flux.fromIterable(map.entrySet())
				.concatMap((entry) -> replaceProfile(entry.getKey(), entry.getValue()))
				.then()));
		return segments.then(profiles)
			.then(this.redis.opsForValue().set(this.keys.membershipBuilt(), "1"))
			.doOnSuccess((done) -> log.info("Rebuilt the Redis copy of membership from PostgreSQL"))
			.then();
	}

	private Mono<Void> replaceSegment(String key, List<String> members) {
		String live = this.keys.segmentMembers(key);
		String aside = this.keys.segmentMembersRebuild(key);
		if (members.isEmpty()) {
			return this.redis.delete(live).then();
		}
		return this.redis.delete(aside)
			.thenMany(Flux.fromIterable(members)
				.buffer(PAGE)
				.concatMap((page) -> this.redis.opsForSet().add(aside, page.toArray(String[]::new))))
			.then(this.redis.rename(aside, live))
			.then();
	}

	private Mono<Void> replaceProfile(UUID profile, List<String> segmentKeys) {
		String key = this.keys.profileSegments(profile);
		return this.redis.delete(key).then(this.redis.opsForSet().add(key, segmentKeys.toArray(String[]::new))).then();
	}

	private Mono<Void> staleProfileSets(Set<UUID> members) {
		Set<String> wanted = new HashSet<>();
		members.forEach((id) -> wanted.add(this.keys.profileSegments(id)));
		return this.redis
			.scan(ScanOptions.scanOptions().match(this.keys.profileSegmentsPattern()).count(SCAN_STEP).build())
			.filter((key) -> !wanted.contains(key))
			.concatMap(this.redis::delete)
			.then();
	}

	@Override
	public void start() {
		this.running = Flux.interval(Duration.ZERO, this.interval)
			.onBackpressureDrop()
			.concatMap((tick) -> rebuildIfMissing().onErrorResume((ex) -> {
				log.warn("Checking the Redis copy of membership failed: {}", ex.toString());
				return Mono.just(false);
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

}
