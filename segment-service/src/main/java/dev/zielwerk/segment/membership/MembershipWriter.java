package dev.zielwerk.segment.membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.segment.store.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes membership changes: {@link #record} to PostgreSQL inside the caller's
 * transaction (current members, history, segment size), then, once committed,
 * {@link #publish} to the Redis sets and the pub/sub channel. PostgreSQL is the truth: a
 * Redis failure is logged, never undoes a change.
 */
@Component
public final class MembershipWriter {

	private static final Logger log = LoggerFactory.getLogger(MembershipWriter.class);

	private final DatabaseClient database;

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeys keys;

	private final JsonMapper json;

	MembershipWriter(DatabaseClient database, ReactiveStringRedisTemplate redis, RedisKeys keys, JsonMapper json) {
		this.database = database;
		this.redis = redis;
		this.keys = keys;
		this.json = json;
	}

	/**
	 * Writes changes to PostgreSQL; run it inside the transaction that decided them.
	 * @param changes the changes, any segments and profiles
	 * @return done
	 */
	public Mono<Void> record(List<MembershipChange> changes) {
		Map<Group, List<UUID>> groups = new LinkedHashMap<>();
		for (MembershipChange change : changes) {
			groups
				.computeIfAbsent(
						new Group(change.segmentId(), change.key(), change.change(), change.at(), change.reason()),
						(group) -> new ArrayList<>())
				.add(change.profileId());
		}
		return Flux.fromIterable(groups.entrySet())
			.concatMap((entry) -> recordGroup(entry.getKey(), entry.getValue()))
			.then();
	}

	private Mono<Void> recordGroup(Group group, List<UUID> profiles) {
		UUID[] ids = profiles.toArray(UUID[]::new);
		Mono<Void> current = (group.change() == MembershipChange.Change.ENTERED) ? this.database.sql("""
				INSERT INTO memberships (segment_key, profile_id, since)
				SELECT $1, id, $3 FROM unnest($2::uuid[]) AS id
				ON CONFLICT DO NOTHING
				""").bind(0, group.key()).bind(1, ids).bind(2, group.at()).then()
				: this.database.sql("DELETE FROM memberships WHERE segment_key = $1 AND profile_id = ANY($2::uuid[])")
					.bind(0, group.key())
					.bind(1, ids)
					.then();
		Mono<Void> history = this.database.sql("""
				INSERT INTO membership_history (segment_id, profile_id, change, at, reason)
				SELECT $1, id, $3, $4, $5 FROM unnest($2::uuid[]) AS id
				""")
			.bind(0, group.segmentId())
			.bind(1, ids)
			.bind(2, group.change().name())
			.bind(3, group.at())
			.bind(4, group.reason())
			.then();
		long delta = (group.change() == MembershipChange.Change.ENTERED) ? ids.length : -ids.length;
		Mono<Void> size = this.database.sql("UPDATE segments SET size = size + $2 WHERE id = $1")
			.bind(0, group.segmentId())
			.bind(1, delta)
			.then();
		return current.then(history).then(size);
	}

	/**
	 * Removes a profile from every segment in PostgreSQL, inside the caller's
	 * transaction.
	 * @param profileId the profile
	 * @param at when
	 * @param reason why
	 * @return the exits, to publish after commit
	 */
	public Mono<List<MembershipChange>> removeEverywhere(UUID profileId, Instant at, String reason) {
		return this.database.sql("""
				SELECT s.id, s.key FROM memberships m JOIN segments s ON s.key = m.segment_key
				WHERE m.profile_id = $1 ORDER BY s.key
				""")
			.bind(0, profileId)
			.map((row) -> new MembershipChange(row.get("id", UUID.class), row.get("key", String.class), profileId,
					MembershipChange.Change.EXITED, at, reason))
			.all()
			.collectList()
			.flatMap((changes) -> record(changes).thenReturn(changes));
	}

	/**
	 * Deletes a profile's membership history (erasure).
	 * @param profileId the profile
	 * @return done
	 */
	public Mono<Void> forgetHistory(UUID profileId) {
		return this.database.sql("DELETE FROM membership_history WHERE profile_id = $1").bind(0, profileId).then();
	}

	/**
	 * Applies committed changes to the Redis sets and announces them, in order.
	 * @param changes the committed changes
	 * @return done; Redis failures are logged, not raised
	 */
	public Mono<Void> publish(List<MembershipChange> changes) {
		if (changes.isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(changes).concatMap(this::publishOne).then().onErrorResume((ex) -> {
			log.warn("Redis membership update failed; PostgreSQL stays the truth: {}", ex.toString());
			return Mono.empty();
		});
	}

	private Mono<Void> publishOne(MembershipChange change) {
		String member = change.profileId().toString();
		String segmentSet = this.keys.segmentMembers(change.key());
		String profileSet = this.keys.profileSegments(change.profileId());
		Mono<Long> sets = (change.change() == MembershipChange.Change.ENTERED)
				? this.redis.opsForSet()
					.add(segmentSet, member)
					.then(this.redis.opsForSet().add(profileSet, change.key()))
				: this.redis.opsForSet()
					.remove(segmentSet, member)
					.then(this.redis.opsForSet().remove(profileSet, change.key()));
		return sets.then(this.redis.convertAndSend(this.keys.segmentChanges(), message(change))).then();
	}

	private String message(MembershipChange change) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("segmentId", change.segmentId().toString());
		body.put("key", change.key());
		body.put("profileId", change.profileId().toString());
		body.put("change", change.change().name());
		body.put("at", change.at().toString());
		body.put("reason", change.reason());
		return this.json.writeValueAsString(body);
	}

	private record Group(UUID segmentId, String key, MembershipChange.Change change, Instant at, String reason) {
	}

}
