package dev.zielwerk.segment.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.zielwerk.segment.evaluation.CompiledQuery;
import dev.zielwerk.segment.evaluation.SqlCompiler;
import dev.zielwerk.segment.membership.MembershipChange;
import dev.zielwerk.segment.membership.MembershipWriter;
import dev.zielwerk.segment.segments.Definition;
import dev.zielwerk.segment.segments.Definitions;
import dev.zielwerk.segment.segments.SegmentChanged;
import dev.zielwerk.segment.segments.SegmentDefinitions;
import dev.zielwerk.segment.segments.SegmentStatus;
import io.r2dbc.spi.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Computes the whole membership of every COMPUTING segment (created, changed or resumed)
 * in the background, then makes it ACTIVE; real-time work goes on meanwhile (it skips
 * COMPUTING segments, and the profiles it changed are evaluated again at the end).
 *
 * <p>
 * One run takes every COMPUTING segment at once: their rules are compiled into one query
 * ({@link SqlCompiler#compileBatch}) that reads each profile's events once for all of
 * them and gives each rule's membership and next possible change. The profiles are split
 * into ranges of ids (about {@code zielwerk.segment.batch.chunk-profiles} each), at most
 * {@code zielwerk.segment.batch.concurrency} (default 2) computed at once; per range, the
 * difference to the stored members is written as ENTERED/EXITED (reason {@code batch})
 * and the schedule rows replaced, in a few set-based statements in one transaction, then
 * the Redis sets and pub/sub follow, and the progress ({@code segment_computations},
 * {@code Segment.computation}) grows. Segments referring to another COMPUTING segment are
 * computed after it. A segment whose rule changed while the run went on is left to the
 * next run.
 *
 * <p>
 * At the end, in one transaction, each segment becomes ACTIVE with its exact size. Then
 * the profiles whose state changed while the run went on (by a transaction the run's
 * starting snapshot does not see, {@code profiles.changed_in}) and, for segments others
 * refer to, the profiles whose membership changed, are evaluated again in memory against
 * these segments and those referring to them.
 */
@Component
public final class BatchComputation {

	private static final Logger log = LoggerFactory.getLogger(BatchComputation.class);

	private static final int FOLLOW_UP_PAGE = 200;

	private static final int MAX_RANGES = 4096;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final SegmentDefinitions definitions;

	private final MembershipWriter writer;

	private final Reevaluator reevaluator;

	private final ProfileLocks locks;

	private final java.time.Clock clock;

	private final int concurrency;

	private final long chunkProfiles;

	private final Duration gather;

	private final AtomicBoolean requested = new AtomicBoolean();

	private final AtomicBoolean running = new AtomicBoolean();

	BatchComputation(DatabaseClient database, TransactionalOperator transactions, SegmentDefinitions definitions,
			MembershipWriter writer, Reevaluator reevaluator, ProfileLocks locks, java.time.Clock clock,
			@Value("${zielwerk.segment.batch.concurrency:2}") int concurrency,
			@Value("${zielwerk.segment.batch.chunk-profiles:20000}") long chunkProfiles,
			@Value("${zielwerk.segment.batch.gather:100ms}") Duration gather) {
		this.database = database;
		this.transactions = transactions;
		this.definitions = definitions;
		this.writer = writer;
		this.reevaluator = reevaluator;
		this.locks = locks;
		this.clock = clock;
		this.concurrency = Math.max(1, concurrency);
		this.chunkProfiles = Math.max(1, chunkProfiles);
		this.gather = gather;
	}

	/**
	 * Asks for a run: at once when none is running here, otherwise right after the
	 * current one.
	 * @param key the segment that became COMPUTING (every COMPUTING segment is computed)
	 */
	public void start(String key) {
		this.requested.set(true);
		drain();
	}

	@EventListener
	void onSegmentChanged(SegmentChanged changed) {
		start(changed.key());
	}

	/** Segments left COMPUTING by a stopped instance are computed again. */
	@EventListener(ApplicationReadyEvent.class)
	void resumeUnfinished() {
		start("");
	}

	private void drain() {
		if (!this.running.compareAndSet(false, true)) {
			return;
		}
		if (!this.requested.get()) {
			this.running.set(false);
			return;
		}
		// segments created or changed together (a script, an import) go into one run
		Mono.delay(this.gather)
			.then(Mono.defer(this::run))
			.doOnError((ex) -> log.error("Batch computation failed; its segments stay COMPUTING", ex))
			.onErrorComplete()
			.doFinally((signal) -> {
				this.running.set(false);
				if (this.requested.get()) {
					drain();
				}
			})
			.subscribe();
	}

	/**
	 * Computes every COMPUTING segment now.
	 * @return done
	 */
	Mono<Void> run() {
		this.requested.set(false);
		Mono<String> snapshot = this.database.sql("SELECT pg_current_snapshot()::text AS s")
			.map((row) -> String.valueOf(row.get("s", String.class)))
			.one();
		return snapshot.zipWith(this.definitions.load()).flatMap((started) -> {
			Definitions all = started.getT2();
			List<Definition> computing = all.ordered()
				.stream()
				.filter((definition) -> definition.segment().status() == SegmentStatus.COMPUTING)
				.toList();
			if (computing.isEmpty()) {
				return Mono.empty();
			}
			Run run = new Run(all, computing, started.getT1(), this.clock.instant());
			log.info("Computing segments {} in one batch", run.keys());
			return countProfiles().flatMap((total) -> start(run, total)
				.thenMany(Flux.fromIterable(layers(computing)).concatMap((layer) -> layer(run, layer, total)))
				.then(finish(run))
				.then(followUp(run))
				.then(finished(run)));
		});
	}

	private Mono<Long> countProfiles() {
		return this.database.sql("SELECT count(*) AS n FROM profiles")
			.map((row) -> Objects.requireNonNullElse(row.get("n", Long.class), 0L))
			.one();
	}

	private Mono<Void> start(Run run, long total) {
		return this.database
			.sql("""
					INSERT INTO segment_computations (segment_id, version, started_at, finished_at, profiles_done, profiles_total)
					SELECT id, v, $3, NULL, 0, $4 FROM unnest($1::uuid[], $2::bigint[]) AS t(id, v)
					ON CONFLICT (segment_id) DO UPDATE SET version = excluded.version, started_at = excluded.started_at,
					    finished_at = NULL, profiles_done = 0, profiles_total = excluded.profiles_total
					""")
			.bind(0, run.computing.stream().map((definition) -> definition.segment().id()).toArray(UUID[]::new))
			.bind(1, run.computing.stream().map((definition) -> definition.segment().version()).toArray(Long[]::new))
			.bind(2, run.now)
			.bind(3, total)
			.then();
	}

	/**
	 * The segments in groups that can be computed together: a segment comes in a later
	 * group than the COMPUTING segments its rule refers to.
	 */
	static List<List<Definition>> layers(List<Definition> computing) {
		Map<String, Integer> depth = new HashMap<>();
		List<List<Definition>> layers = new ArrayList<>();
		// computing is in dependency order: referenced segments first
		for (Definition definition : computing) {
			int level = 0;
			for (String reference : definition.index().segments()) {
				Integer referenced = depth.get(reference);
				if (referenced != null) {
					level = Math.max(level, referenced + 1);
				}
			}
			depth.put(definition.key(), level);
			while (layers.size() <= level) {
				layers.add(new ArrayList<>());
			}
			layers.get(level).add(definition);
		}
		return layers;
	}

	private Mono<Void> layer(Run run, List<Definition> layer, long total) {
		CompiledQuery query = SqlCompiler.compileBatch(layer.stream().map(Definition::rule).toList());
		return Flux.fromIterable(ranges(total, this.chunkProfiles))
			.flatMap((range) -> chunk(run, layer, query, range), this.concurrency)
			.then();
	}

	/**
	 * Ranges of profile ids covering every id, about {@code chunk} profiles each (ids are
	 * random UUIDs, spread evenly): a power of two of them, split on the leading bits.
	 */
	static List<UUID[]> ranges(long profiles, long chunk) {
		int count = 1;
		while (count < MAX_RANGES && (long) count * chunk < profiles) {
			count *= 2;
		}
		List<UUID[]> ranges = new ArrayList<>();
		int bits = Integer.numberOfTrailingZeros(count);
		for (long i = 0; i < count; i++) {
			long low = (bits == 0) ? 0 : i << (64 - bits);
			long high = (bits == 0) ? -1L : ((i + 1) << (64 - bits)) - 1;
			ranges.add(new UUID[] { new UUID(low, 0), new UUID(high, -1L) });
		}
		return ranges;
	}

	private Mono<Void> chunk(Run run, List<Definition> layer, CompiledQuery query, UUID[] range) {
		if (layer.stream().allMatch(run::abandoned)) {
			return Mono.empty();
		}
		long started = System.nanoTime();
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(query.sql());
		List<Object> parameters = query.parameters(run.now, range[0], range[1]);
		for (int i = 0; i < parameters.size(); i++) {
			spec = spec.bind(i, parameters.get(i));
		}
		int rules = layer.size();
		Mono<List<Answer>> answers = spec.map((row) -> Answer.of(row, rules)).all().collectList();
		Mono<Map<String, Set<UUID>>> current = this.database.sql("""
				SELECT segment_key, profile_id FROM memberships
				WHERE segment_key = ANY($1::text[]) AND profile_id BETWEEN $2 AND $3
				""")
			.bind(0, layer.stream().map(Definition::key).toArray(String[]::new))
			.bind(1, range[0])
			.bind(2, range[1])
			.map((row) -> Map.entry(String.valueOf(row.get("segment_key", String.class)),
					Objects.requireNonNull(row.get("profile_id", UUID.class))))
			.all()
			.collect(HashMap::new, (map, entry) -> map.computeIfAbsent(entry.getKey(), (key) -> new HashSet<>())
				.add(entry.getValue()));
		Mono<Long> profiles = this.database.sql("SELECT count(*) AS n FROM profiles WHERE profile_id BETWEEN $1 AND $2")
			.bind(0, range[0])
			.bind(1, range[1])
			.map((row) -> Objects.requireNonNullElse(row.get("n", Long.class), 0L))
			.one();
		return Mono.zip(answers, current, profiles).flatMap((read) -> {
			long computed = System.nanoTime();
			ChunkWork work = diff(run, layer, read.getT1(), read.getT2());
			Mono<List<MembershipChange>> write = Mono
				.defer(() -> this.transactions.transactional(write(run, layer, range, work, read.getT3())))
				.retryWhen(Retry.backoff(3, Duration.ofMillis(100)));
			return write.flatMap((written) -> {
				if (run.tracksChanges) {
					written.forEach((change) -> run.changedProfiles.add(change.profileId()));
				}
				long wrote = System.nanoTime();
				return this.writer.publishBulk(written)
					.doOnSuccess((done) -> log.debug(
							"Batch range {}: {} profiles, {} changes; query {} ms, write {} ms, Redis {} ms", range[0],
							read.getT3(), written.size(), (computed - started) / 1_000_000,
							(wrote - computed) / 1_000_000, (System.nanoTime() - wrote) / 1_000_000));
			});
		});
	}

	private static ChunkWork diff(Run run, List<Definition> layer, List<Answer> answers,
			Map<String, Set<UUID>> current) {
		ChunkWork work = new ChunkWork();
		for (int i = 0; i < layer.size(); i++) {
			Definition definition = layer.get(i);
			Set<UUID> stored = current.getOrDefault(definition.key(), Set.of());
			Set<UUID> members = new HashSet<>();
			for (Answer answer : answers) {
				if (answer.member()[i]) {
					members.add(answer.profileId());
					if (!stored.contains(answer.profileId())) {
						work.changes.add(new MembershipChange(definition.segment().id(), definition.key(),
								answer.profileId(), MembershipChange.Change.ENTERED, run.now, "batch"));
					}
				}
				Instant next = answer.next()[i];
				if (next != null) {
					work.dueKeys.add(definition.key());
					work.dueProfiles.add(answer.profileId());
					work.dueAt.add(Reevaluator.ceilMicros(next).toString());
				}
			}
			for (UUID profile : stored) {
				if (!members.contains(profile)) {
					work.changes.add(new MembershipChange(definition.segment().id(), definition.key(), profile,
							MembershipChange.Change.EXITED, run.now, "batch"));
				}
			}
		}
		return work;
	}

	/**
	 * Writes a range's changes and due times of the segments whose rule is still the one
	 * computed (a changed one is left to the next run), for the profiles that still exist
	 * (one can be erased meanwhile), and counts its profiles as done.
	 */
	private Mono<List<MembershipChange>> write(Run run, List<Definition> layer, UUID[] range, ChunkWork work,
			long profiles) {
		Set<UUID> involved = new HashSet<>(work.dueProfiles);
		work.changes.forEach((change) -> involved.add(change.profileId()));
		Mono<Set<UUID>> existing = involved.isEmpty() ? Mono.just(Set.of())
				: this.database.sql("SELECT profile_id FROM profiles WHERE profile_id = ANY($1::uuid[])")
					.bind(0, involved.toArray(UUID[]::new))
					.map((row) -> Objects.requireNonNull(row.get("profile_id", UUID.class)))
					.all()
					.collect(HashSet::new, Set::add);
		return stillCurrent(run, layer, false).zipWith(existing).flatMap((checked) -> {
			Set<String> live = checked.getT1();
			Set<UUID> present = checked.getT2();
			if (live.isEmpty()) {
				return Mono.just(List.<MembershipChange>of());
			}
			List<MembershipChange> changes = work.changes.stream()
				.filter((change) -> live.contains(change.key())
						&& (change.change() == MembershipChange.Change.EXITED || present.contains(change.profileId())))
				.toList();
			List<String> keys = new ArrayList<>();
			List<UUID> ids = new ArrayList<>();
			List<String> at = new ArrayList<>();
			for (int i = 0; i < work.dueKeys.size(); i++) {
				if (live.contains(work.dueKeys.get(i)) && present.contains(work.dueProfiles.get(i))) {
					keys.add(work.dueKeys.get(i));
					ids.add(work.dueProfiles.get(i));
					at.add(work.dueAt.get(i));
				}
			}
			Mono<Void> clear = this.database.sql("""
					DELETE FROM evaluation_schedule WHERE segment_key = ANY($1::text[]) AND profile_id BETWEEN $2 AND $3
					""").bind(0, live.toArray(String[]::new)).bind(1, range[0]).bind(2, range[1]).then();
			Mono<Void> due = keys.isEmpty() ? Mono.empty()
					: this.database.sql("""
							INSERT INTO evaluation_schedule (segment_key, profile_id, due_at)
							SELECT k, p, d::timestamptz FROM unnest($1::text[], $2::uuid[], $3::text[]) AS t(k, p, d)
							ON CONFLICT (segment_key, profile_id) DO UPDATE SET due_at = excluded.due_at
							""")
						.bind(0, keys.toArray(String[]::new))
						.bind(1, ids.toArray(UUID[]::new))
						.bind(2, at.toArray(String[]::new))
						.then();
			Mono<Void> progress = this.database.sql(
					"UPDATE segment_computations SET profiles_done = profiles_done + $2 WHERE segment_id = ANY($1::uuid[])")
				.bind(0, layer.stream()
					.filter((definition) -> live.contains(definition.key()))
					.map((definition) -> definition.segment().id())
					.toArray(UUID[]::new))
				.bind(1, profiles)
				.then();
			return this.writer.record(changes, false).then(clear).then(due).then(progress).thenReturn(changes);
		});
	}

	/**
	 * Locks the layer's segment rows (in id order) until the transaction ends and answers
	 * the keys whose version is still the computed one; the others are marked abandoned
	 * for the rest of the run.
	 */
	private Mono<Set<String>> stillCurrent(Run run, List<Definition> layer, boolean lock) {
		Map<UUID, Definition> byId = new HashMap<>();
		layer.stream()
			.filter((definition) -> !run.abandoned(definition))
			.forEach((definition) -> byId.put(definition.segment().id(), definition));
		if (byId.isEmpty()) {
			return Mono.just(Set.of());
		}
		return this.database
			.sql("SELECT id, version, status FROM segments WHERE id = ANY($1::uuid[]) ORDER BY id"
					+ (lock ? " FOR UPDATE" : ""))
			.bind(0, byId.keySet().toArray(UUID[]::new))
			.map((row) -> {
				Definition definition = byId.get(row.get("id", UUID.class));
				boolean same = definition != null
						&& Objects.equals(row.get("version", Long.class), definition.segment().version())
						&& SegmentStatus.COMPUTING.name().equals(row.get("status", String.class));
				return (same && definition != null) ? definition.key() : "";
			})
			.all()
			.filter((key) -> !key.isEmpty())
			.collect(HashSet<String>::new, Set::add)
			.map((live) -> {
				byId.values()
					.stream()
					.filter((definition) -> !live.contains(definition.key()))
					.forEach((definition) -> {
						if (run.abandoned.add(definition.key())) {
							log.info("Segment {} changed while its batch ran; the next run computes it",
									definition.key());
						}
					});
				return live;
			});
	}

	/** Each segment still current becomes ACTIVE with its exact size. */
	private Mono<Void> finish(Run run) {
		List<Definition> done = run.computing.stream().filter((definition) -> !run.abandoned(definition)).toList();
		if (done.isEmpty()) {
			return Mono.empty();
		}
		Mono<Void> work = stillCurrent(run, done, true).flatMap((live) -> Flux.fromIterable(done)
			.filter((definition) -> live.contains(definition.key()))
			.concatMap((definition) -> this.database.sql("""
					UPDATE segments SET status = 'ACTIVE', updated_at = $2,
					    size = (SELECT count(*) FROM memberships WHERE segment_key = $3)
					WHERE id = $1
					""").bind(0, definition.segment().id()).bind(1, run.now).bind(2, definition.key()).then())
			.then());
		return this.transactions.transactional(work)
			.then(Flux.fromIterable(done)
				.filter((definition) -> !run.abandoned(definition))
				.concatMap((definition) -> this.writer.announceComputed(definition.segment().id(), definition.key(),
						run.now))
				.then());
	}

	/** The computations of the run are finished, follow-up included. */
	private Mono<Void> finished(Run run) {
		return this.database
			.sql("UPDATE segment_computations SET finished_at = clock_timestamp() WHERE segment_id = ANY($1::uuid[])")
			.bind(0, run.computing.stream()
				.filter((definition) -> !run.abandoned(definition))
				.map((definition) -> definition.segment().id())
				.toArray(UUID[]::new))
			.then();
	}

	/**
	 * Evaluates again, in memory, the profiles the run may have read before a change:
	 * those changed by a transaction its starting snapshot does not see; and, for
	 * segments others refer to, the profiles whose membership changed.
	 */
	private Mono<Void> followUp(Run run) {
		Set<String> keys = new HashSet<>(run.keys());
		keys.removeAll(run.abandoned);
		if (keys.isEmpty()) {
			return Mono.empty();
		}
		Mono<List<UUID>> changedMeanwhile = this.database.sql("""
				SELECT profile_id FROM profiles
				WHERE changed_in IS NOT NULL AND NOT pg_visible_in_snapshot(changed_in, $1::pg_snapshot)
				""")
			.bind(0, run.snapshot)
			.map((row) -> Objects.requireNonNull(row.get("profile_id", UUID.class)))
			.all()
			.collectList();
		return changedMeanwhile.flatMapMany((ids) -> {
			Set<UUID> profiles = new HashSet<>(run.changedProfiles);
			profiles.addAll(ids);
			log.info("Batch of {} done; evaluating {} profiles again", keys, profiles.size());
			return Flux.fromIterable(profiles);
		}).buffer(FOLLOW_UP_PAGE).concatMap((page) -> this.definitions.load().flatMap((fresh) -> {
			List<Definition> segments = fresh.withDependents(keys);
			Mono<List<MembershipChange>> work = this.locks.lock(page)
				.then(this.database.sql("SELECT profile_id FROM profiles WHERE profile_id = ANY($1::uuid[])")
					.bind(0, page.toArray(UUID[]::new))
					.map((row) -> Objects.requireNonNull(row.get("profile_id", UUID.class)))
					.all()
					.collectList())
				.flatMap((present) -> this.reevaluator.reevaluateAll(
						present.stream().map((id) -> new Reevaluator.Work(id, segments, "batch")).toList(),
						this.clock.instant()));
			return this.transactions.transactional(work).flatMap(this.writer::publish);
		})).then();
	}

	/** One run over some COMPUTING segments. */
	private static final class Run {

		final List<Definition> computing;

		final String snapshot;

		final Instant now;

		final boolean tracksChanges;

		final Set<String> abandoned = ConcurrentHashMap.newKeySet();

		final Set<UUID> changedProfiles = ConcurrentHashMap.newKeySet();

		Run(Definitions all, List<Definition> computing, String snapshot, Instant now) {
			this.computing = computing;
			this.snapshot = snapshot;
			this.now = now;
			this.tracksChanges = computing.stream()
				.anyMatch((definition) -> all.dependentsOf(definition.key())
					.stream()
					.anyMatch((dependent) -> dependent.segment().status() != SegmentStatus.COMPUTING));
		}

		List<String> keys() {
			return this.computing.stream().map(Definition::key).toList();
		}

		boolean abandoned(Definition definition) {
			return this.abandoned.contains(definition.key());
		}

	}

	/** One profile's row of a batch query. */
	private record Answer(UUID profileId, boolean[] member, Instant[] next) {

		static Answer of(Readable row, int rules) {
			boolean[] member = new boolean[rules];
			Instant[] next = new Instant[rules];
			for (int i = 0; i < rules; i++) {
				member[i] = Boolean.TRUE.equals(row.get("member_" + (i + 1), Boolean.class));
				OffsetDateTime at = row.get("next_" + (i + 1), OffsetDateTime.class);
				next[i] = (at != null) ? at.toInstant() : null;
			}
			return new Answer(Objects.requireNonNull(row.get("profile_id", UUID.class)), member, next);
		}

	}

	/** What one range changes. */
	private static final class ChunkWork {

		final List<MembershipChange> changes = new ArrayList<>();

		final List<String> dueKeys = new ArrayList<>();

		final List<UUID> dueProfiles = new ArrayList<>();

		final List<String> dueAt = new ArrayList<>();

	}

}
