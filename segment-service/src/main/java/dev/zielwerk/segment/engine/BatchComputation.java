package dev.zielwerk.segment.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.zielwerk.segment.evaluation.Evaluation;
import dev.zielwerk.segment.evaluation.Evaluator;
import dev.zielwerk.segment.evaluation.ProfileState;
import dev.zielwerk.segment.membership.MembershipChange;
import dev.zielwerk.segment.membership.MembershipWriter;
import dev.zielwerk.segment.rule.RuleIndex;
import dev.zielwerk.segment.segments.Definition;
import dev.zielwerk.segment.segments.Definitions;
import dev.zielwerk.segment.segments.SegmentChanged;
import dev.zielwerk.segment.segments.SegmentDefinitions;
import dev.zielwerk.segment.segments.SegmentStatus;
import dev.zielwerk.segment.store.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Computes a segment's whole membership when it is created, changed or resumed (status
 * COMPUTING, then ACTIVE), with the SQL compiled from its rule, in the background so
 * real-time work goes on.
 *
 * <p>
 * Steps: the members at the clock's now by SQL; the difference to the stored members
 * written as ENTERED/EXITED (reason {@code batch}) with the exact size and status ACTIVE
 * in one transaction, unless the rule changed meanwhile (then the newer batch wins); for
 * a time-dependent rule, {@code nextChangeAt} of every profile computed in memory by
 * {@link Evaluator} (SQL gives membership, not the next change) to seed the schedule.
 * After commit: the Redis copy (the segment's set rebuilt and swapped in, the changed
 * profiles' sets, pub/sub), then in memory, per profile, the segments referring to this
 * one for the profiles that changed, and this segment for the profiles whose state
 * changed while the batch ran (the real-time path skipped it while COMPUTING).
 */
@Component
public final class BatchComputation {

	private static final Logger log = LoggerFactory.getLogger(BatchComputation.class);

	private static final int PAGE = 500;

	private final DatabaseClient database;

	private final MembershipQuery query;

	private final TransactionalOperator transactions;

	private final SegmentDefinitions definitions;

	private final MembershipWriter writer;

	private final ProfileStateStore states;

	private final Reevaluator reevaluator;

	private final ProfileLocks locks;

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeys keys;

	private final Clock clock;

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private final Set<String> rerun = ConcurrentHashMap.newKeySet();

	BatchComputation(DatabaseClient database, MembershipQuery query, TransactionalOperator transactions,
			SegmentDefinitions definitions, MembershipWriter writer, ProfileStateStore states, Reevaluator reevaluator,
			ProfileLocks locks, ReactiveStringRedisTemplate redis, RedisKeys keys, Clock clock) {
		this.database = database;
		this.query = query;
		this.transactions = transactions;
		this.definitions = definitions;
		this.writer = writer;
		this.states = states;
		this.reevaluator = reevaluator;
		this.locks = locks;
		this.redis = redis;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Starts computing a COMPUTING segment in the background.
	 * @param key the segment
	 */
	public void start(String key) {
		compute(key).subscribe(null, (ex) -> log.error("Batch of segment {} failed; it stays COMPUTING", key, ex));
	}

	@EventListener
	void onSegmentChanged(SegmentChanged changed) {
		start(changed.key());
	}

	/** Segments left COMPUTING by a stopped instance are computed again. */
	@EventListener(ApplicationReadyEvent.class)
	void resumeUnfinished() {
		this.definitions.load()
			.flatMapIterable(Definitions::ordered)
			.filter((definition) -> definition.segment().status() == SegmentStatus.COMPUTING)
			.subscribe((definition) -> start(definition.key()));
	}

	/**
	 * Computes a COMPUTING segment now.
	 * @param key the segment
	 * @return done; empty work when it is not COMPUTING or already running here
	 */
	public Mono<Void> compute(String key) {
		if (!this.running.add(key)) {
			// changed again while computing: compute once more when this run ends
			this.rerun.add(key);
			return Mono.empty();
		}
		return this.database.sql("SELECT clock_timestamp() AS t")
			.map((row) -> row.get("t", OffsetDateTime.class))
			.one()
			.zipWith(this.definitions.load())
			.flatMap((started) -> {
				Definition definition = started.getT2().get(key);
				if (definition == null || definition.segment().status() != SegmentStatus.COMPUTING) {
					return Mono.empty();
				}
				return run(definition, started.getT2(), started.getT1());
			})
			.doFinally((signal) -> {
				this.running.remove(key);
				if (this.rerun.remove(key)) {
					start(key);
				}
			});
	}

	private Mono<Void> run(Definition definition, Definitions all, OffsetDateTime startedAt) {
		Instant now = this.clock.instant();
		String key = definition.key();
		Mono<Set<UUID>> members = this.query.members(definition.rule(), now);
		Mono<Set<UUID>> current = this.database.sql("SELECT profile_id FROM memberships WHERE segment_key = $1")
			.bind(0, key)
			.map((row) -> row.get("profile_id", UUID.class))
			.all()
			.collect(HashSet::new, Set::add);
		return members.zipWith(current).flatMap((both) -> {
			Set<UUID> target = both.getT1();
			List<MembershipChange> changes = new ArrayList<>();
			for (UUID id : target) {
				if (!both.getT2().contains(id)) {
					changes.add(change(definition, id, MembershipChange.Change.ENTERED, now));
				}
			}
			for (UUID id : both.getT2()) {
				if (!target.contains(id)) {
					changes.add(change(definition, id, MembershipChange.Change.EXITED, now));
				}
			}
			Mono<Boolean> commit = this.database.sql("SELECT version FROM segments WHERE id = $1 FOR UPDATE")
				.bind(0, definition.segment().id())
				.map((row) -> row.get("version", Long.class))
				.one()
				.filter((version) -> version == definition.segment().version())
				.flatMap((version) -> this.writer.record(changes)
					.then(schedule(definition, now))
					.then(this.database.sql("""
							UPDATE segments SET status = 'ACTIVE', updated_at = $2,
							    size = (SELECT count(*) FROM memberships WHERE segment_key = $3)
							WHERE id = $1
							""").bind(0, definition.segment().id()).bind(1, now).bind(2, key).then())
					.thenReturn(true))
				.defaultIfEmpty(false);
			return this.transactions.transactional(commit).flatMap((committed) -> {
				if (!committed) {
					log.info("Segment {} changed while its batch ran; the newer batch decides", key);
					return Mono.empty();
				}
				return this.writer.publish(changes)
					.then(rebuildRedis(key, target))
					.then(followUp(definition, all, changes, startedAt));
			});
		});
	}

	/**
	 * Seeds the schedule: every profile's next possible change, in memory, for
	 * time-dependent rules; none otherwise.
	 */
	private Mono<Void> schedule(Definition definition, Instant now) {
		Mono<Void> clear = this.database.sql("DELETE FROM evaluation_schedule WHERE segment_key = $1")
			.bind(0, definition.key())
			.then();
		if (!changesWithTime(definition.index())) {
			return clear;
		}
		return clear
			.thenMany(this.database.sql("SELECT profile_id FROM profiles ORDER BY profile_id")
				.map((row) -> row.get("profile_id", UUID.class))
				.all()
				.buffer(PAGE)
				.concatMap((page) -> this.states.loadAll(page).flatMap((loaded) -> seed(definition, loaded, now))))
			.then();
	}

	/**
	 * Whether the clock alone can change the rule's answer: windows and recency
	 * ({@link RuleIndex#timeDependent()}), and consent grants that expire.
	 */
	static boolean changesWithTime(RuleIndex index) {
		return index.timeDependent() || !index.purposes().isEmpty();
	}

	private Mono<Void> seed(Definition definition, Map<UUID, ProfileState> loaded, Instant now) {
		Map<UUID, Instant> due = new LinkedHashMap<>();
		loaded.forEach((id, state) -> {
			Evaluation evaluation = Evaluator.evaluate(definition.rule(), state, now);
			if (evaluation.nextChangeAt() != null) {
				due.put(id, Reevaluator.ceilMicros(evaluation.nextChangeAt()));
			}
		});
		if (due.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql("""
				INSERT INTO evaluation_schedule (segment_key, profile_id, due_at)
				SELECT $1, p, d::timestamptz FROM unnest($2::uuid[], $3::text[]) AS t(p, d)
				ON CONFLICT (segment_key, profile_id) DO UPDATE SET due_at = excluded.due_at
				""")
			.bind(0, definition.key())
			.bind(1, due.keySet().toArray(UUID[]::new))
			.bind(2, due.values().stream().map(Instant::toString).toArray(String[]::new))
			.then();
	}

	/**
	 * Replaces the segment's Redis set at once: built aside, then renamed (same slot).
	 */
	private Mono<Void> rebuildRedis(String key, Set<UUID> members) {
		String live = this.keys.segmentMembers(key);
		String rebuild = this.keys.segmentMembersRebuild(key);
		Mono<Void> swap = members.isEmpty() ? this.redis.delete(live).then()
				: this.redis.delete(rebuild)
					.thenMany(Flux.fromIterable(members)
						.map(UUID::toString)
						.buffer(PAGE)
						.concatMap((page) -> this.redis.opsForSet().add(rebuild, page.toArray(String[]::new))))
					.then(this.redis.rename(rebuild, live))
					.then();
		return swap.onErrorResume((ex) -> {
			log.warn("Redis copy of segment {} not rebuilt; PostgreSQL stays the truth: {}", key, ex.toString());
			return Mono.empty();
		});
	}

	private Mono<Void> followUp(Definition definition, Definitions all, List<MembershipChange> changes,
			OffsetDateTime startedAt) {
		Set<UUID> profiles = new HashSet<>();
		if (!all.dependentsOf(definition.key()).isEmpty()) {
			changes.forEach((change) -> profiles.add(change.profileId()));
		}
		Mono<List<UUID>> changedMeanwhile = this.database.sql("SELECT profile_id FROM profiles WHERE updated_at >= $1")
			.bind(0, startedAt)
			.map((row) -> row.get("profile_id", UUID.class))
			.all()
			.collectList();
		return changedMeanwhile.flatMapMany((ids) -> {
			profiles.addAll(ids);
			return Flux.fromIterable(profiles);
		}).concatMap((profile) -> this.definitions.load().flatMap((fresh) -> {
			Mono<List<MembershipChange>> work = this.locks.lock(List.of(profile))
				.then(this.database.sql("SELECT 1 FROM profiles WHERE profile_id = $1")
					.bind(0, profile)
					.map((row) -> true)
					.one())
				.flatMap((exists) -> this.reevaluator.reevaluate(profile,
						fresh.withDependents(Set.of(definition.key())), this.clock.instant(), "batch"));
			return this.transactions.transactional(work).flatMap(this.writer::publish);
		})).then();
	}

	private static MembershipChange change(Definition definition, UUID profile, MembershipChange.Change change,
			Instant now) {
		return new MembershipChange(definition.segment().id(), definition.key(), profile, change, now, "batch");
	}

}
