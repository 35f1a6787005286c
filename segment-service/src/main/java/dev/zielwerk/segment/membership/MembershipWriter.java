package dev.zielwerk.segment.membership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * transaction (current members, history, segment size), set-based for any number of
 * changes, then, once committed, {@link #publish} to the Redis sets and the pub/sub
 * channel, pipelined. PostgreSQL is the truth: a Redis failure is logged, never undoes a
 * change.
 */
@Component
public final class MembershipWriter {

	private static final Logger log = LoggerFactory.getLogger(MembershipWriter.class);

	private static final int PIPELINE = 256;

	private static final int BULK_PAGE = 1000;

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
	 * Writes changes to PostgreSQL; run it inside the transaction that decided them. Any
	 * number of changes takes four statements (current members in, out, history, sizes);
	 * a (segment, profile) pair changing twice is written in order, in a later round.
	 * Sizes are added once per segment per call, not per change: the {@code segments} row
	 * is the hot spot when many profiles enter one segment at once.
	 * @param changes the changes, any segments and profiles
	 * @return done
	 */
	public Mono<Void> record(List<MembershipChange> changes) {
		return record(changes, true);
	}

	/**
	 * {@link #record(List)}, optionally leaving {@code segments.size} alone: the batch
	 * writes ranges of one segment concurrently and counts the size once at the end,
	 * instead of every range waiting for the segment row's lock.
	 * @param changes the changes, any segments and profiles
	 * @param sizes whether to add the changes to the segments' sizes
	 * @return done
	 */
	public Mono<Void> record(List<MembershipChange> changes, boolean sizes) {
		List<List<MembershipChange>> rounds = new ArrayList<>();
		List<MembershipChange> round = new ArrayList<>();
		Set<Pair> seen = new HashSet<>();
		for (MembershipChange change : changes) {
			if (!seen.add(new Pair(change.key(), change.profileId()))) {
				rounds.add(round);
				round = new ArrayList<>();
				seen.clear();
				seen.add(new Pair(change.key(), change.profileId()));
			}
			round.add(change);
		}
		rounds.add(round);
		return Flux.fromIterable(rounds).concatMap((each) -> recordRound(each, sizes)).then();
	}

	/** Changes with no (segment, profile) pair twice, grouped by instant. */
	private Mono<Void> recordRound(List<MembershipChange> changes, boolean countSizes) {
		Map<Instant, List<MembershipChange>> byInstant = new LinkedHashMap<>();
		changes.forEach((change) -> byInstant.computeIfAbsent(change.at(), (at) -> new ArrayList<>()).add(change));
		Map<UUID, Long> sizes = new TreeMap<>();
		changes.forEach((change) -> sizes.merge(change.segmentId(),
				(change.change() == MembershipChange.Change.ENTERED) ? 1L : -1L, Long::sum));
		sizes.values().removeIf((delta) -> delta == 0);
		Mono<Void> size = (sizes.isEmpty() || !countSizes) ? Mono.empty() : this.database.sql("""
				UPDATE segments s SET size = s.size + t.d FROM unnest($1::uuid[], $2::bigint[]) AS t(id, d)
				WHERE s.id = t.id
				""").bind(0, sizes.keySet().toArray(UUID[]::new)).bind(1, sizes.values().toArray(Long[]::new)).then();
		return Flux.fromIterable(byInstant.entrySet())
			.concatMap((entry) -> recordAt(entry.getKey(), entry.getValue()))
			.then(size);
	}

	private Mono<Void> recordAt(Instant at, List<MembershipChange> changes) {
		List<MembershipChange> entered = changes.stream()
			.filter((change) -> change.change() == MembershipChange.Change.ENTERED)
			.toList();
		List<MembershipChange> exited = changes.stream()
			.filter((change) -> change.change() == MembershipChange.Change.EXITED)
			.toList();
		Mono<Void> in = entered.isEmpty() ? Mono.empty()
				: this.database.sql("""
						INSERT INTO memberships (segment_key, profile_id, since)
						SELECT k, p, $3 FROM unnest($1::text[], $2::uuid[]) AS t(k, p)
						ON CONFLICT DO NOTHING
						""")
					.bind(0, entered.stream().map(MembershipChange::key).toArray(String[]::new))
					.bind(1, entered.stream().map(MembershipChange::profileId).toArray(UUID[]::new))
					.bind(2, at)
					.then();
		Mono<Void> out = exited.isEmpty() ? Mono.empty()
				: this.database.sql("""
						DELETE FROM memberships m USING unnest($1::text[], $2::uuid[]) AS t(k, p)
						WHERE m.segment_key = t.k AND m.profile_id = t.p
						""")
					.bind(0, exited.stream().map(MembershipChange::key).toArray(String[]::new))
					.bind(1, exited.stream().map(MembershipChange::profileId).toArray(UUID[]::new))
					.then();
		Mono<Void> history = this.database.sql("""
				INSERT INTO membership_history (segment_id, profile_id, change, at, reason)
				SELECT s, p, c, $5, r FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS t(s, p, c, r)
				""")
			.bind(0, changes.stream().map(MembershipChange::segmentId).toArray(UUID[]::new))
			.bind(1, changes.stream().map(MembershipChange::profileId).toArray(UUID[]::new))
			.bind(2, changes.stream().map((change) -> change.change().name()).toArray(String[]::new))
			.bind(3, changes.stream().map(MembershipChange::reason).toArray(String[]::new))
			.bind(4, at)
			.then();
		return in.then(out).then(history);
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
		// different pairs touch commutative set members: send them without waiting for
		// each
		// reply (Lettuce pipelines them on its connection); a pair changing twice keeps
		// order
		Set<Pair> pairs = new HashSet<>();
		boolean distinct = changes.stream().allMatch((change) -> pairs.add(new Pair(change.key(), change.profileId())));
		Flux<Void> sent = distinct ? Flux.fromIterable(changes).flatMap(this::publishOne, PIPELINE)
				: Flux.fromIterable(changes).concatMap(this::publishOne);
		return sent.then().onErrorResume((ex) -> {
			log.warn("Redis membership update failed; PostgreSQL stays the truth: {}", ex.toString());
			return Mono.empty();
		});
	}

	/**
	 * The Redis sets for many committed changes of a batch, each (segment, profile) pair
	 * at most once: the segment sets take their members a page per command, each profile
	 * set its changes in one command per direction. They are not announced one by one (a
	 * batch can change a million memberships); {@link #announceComputed} tells
	 * subscribers once per segment.
	 * @param changes the committed changes
	 * @return done; Redis failures are logged, not raised
	 */
	public Mono<Void> publishBulk(List<MembershipChange> changes) {
		if (changes.isEmpty()) {
			return Mono.empty();
		}
		Map<String, List<String>> segmentAdds = new LinkedHashMap<>();
		Map<String, List<String>> segmentRemoves = new LinkedHashMap<>();
		Map<String, List<String>> profileAdds = new LinkedHashMap<>();
		Map<String, List<String>> profileRemoves = new LinkedHashMap<>();
		for (MembershipChange change : changes) {
			boolean entered = change.change() == MembershipChange.Change.ENTERED;
			(entered ? segmentAdds : segmentRemoves)
				.computeIfAbsent(this.keys.segmentMembers(change.key()), (key) -> new ArrayList<>())
				.add(change.profileId().toString());
			(entered ? profileAdds : profileRemoves)
				.computeIfAbsent(this.keys.profileSegments(change.profileId()), (key) -> new ArrayList<>())
				.add(change.key());
		}
		return Flux
			.concat(pages(segmentAdds, true), pages(segmentRemoves, false), pages(profileAdds, true),
					pages(profileRemoves, false))
			.then()
			.onErrorResume((ex) -> {
				log.warn("Redis membership update failed; PostgreSQL stays the truth: {}", ex.toString());
				return Mono.empty();
			});
	}

	/**
	 * Announces that a batch computed a segment's whole membership: one message with
	 * change {@code COMPUTED} instead of one per profile.
	 * @param segmentId the segment
	 * @param key its key
	 * @param at the evaluation instant
	 * @return done; Redis failures are logged, not raised
	 */
	public Mono<Void> announceComputed(UUID segmentId, String key, Instant at) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("segmentId", segmentId.toString());
		body.put("key", key);
		body.put("change", "COMPUTED");
		body.put("at", at.toString());
		body.put("reason", "batch");
		return this.redis.convertAndSend(this.keys.segmentChanges(), this.json.writeValueAsString(body))
			.then()
			.onErrorResume((ex) -> {
				log.warn("Announcing the batch of segment {} failed: {}", key, ex.toString());
				return Mono.empty();
			});
	}

	private Flux<Long> pages(Map<String, List<String>> members, boolean add) {
		return Flux.fromIterable(members.entrySet())
			.concatMapIterable((entry) -> partition(entry.getKey(), entry.getValue()))
			.flatMap((page) -> add ? this.redis.opsForSet().add(page.key(), page.members())
					: this.redis.opsForSet().remove(page.key(), (Object[]) page.members()), PIPELINE);
	}

	private static List<Page> partition(String key, List<String> members) {
		List<Page> pages = new ArrayList<>();
		for (int from = 0; from < members.size(); from += BULK_PAGE) {
			pages.add(new Page(key,
					members.subList(from, Math.min(members.size(), from + BULK_PAGE)).toArray(String[]::new)));
		}
		return pages;
	}

	private record Page(String key, String[] members) {
	}

	private Mono<Void> publishOne(MembershipChange change) {
		String member = change.profileId().toString();
		String segmentSet = this.keys.segmentMembers(change.key());
		String profileSet = this.keys.profileSegments(change.profileId());
		Mono<Long> sets = (change.change() == MembershipChange.Change.ENTERED)
				? Mono.zip(this.redis.opsForSet().add(segmentSet, member),
						this.redis.opsForSet().add(profileSet, change.key()), Long::sum)
				: Mono.zip(this.redis.opsForSet().remove(segmentSet, member),
						this.redis.opsForSet().remove(profileSet, change.key()), Long::sum);
		// announced once both sets hold the change
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

	private record Pair(String key, UUID profileId) {
	}

}
