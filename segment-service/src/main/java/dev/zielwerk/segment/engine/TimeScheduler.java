package dev.zielwerk.segment.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.membership.MembershipChange;
import dev.zielwerk.segment.membership.MembershipWriter;
import dev.zielwerk.segment.segments.SegmentDefinitions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Re-evaluates (segment, profile) pairs when their due time has come, at the injected
 * clock's now. One transaction per profile: it claims the first due row whose profile
 * lock it gets at once ({@code pg_try_advisory_xact_lock}) and that no other instance has
 * locked ({@code FOR UPDATE SKIP LOCKED}), deletes that profile's due rows, and
 * re-evaluates those segments (and the ones referring to them), which writes the next due
 * times. Several instances therefore never evaluate one profile at once. Only rows of
 * ACTIVE segments are due: a COMPUTING segment's rows are being written by the batch, and
 * a PAUSED one's wait for the batch that resumes it.
 */
@Component
public final class TimeScheduler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TimeScheduler.class);

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final SegmentDefinitions definitions;

	private final Reevaluator reevaluator;

	private final MembershipWriter writer;

	private final Clock clock;

	private final SchedulerProperties properties;

	private volatile @Nullable Disposable running;

	TimeScheduler(DatabaseClient database, TransactionalOperator transactions, SegmentDefinitions definitions,
			Reevaluator reevaluator, MembershipWriter writer, Clock clock, SchedulerProperties properties) {
		this.database = database;
		this.transactions = transactions;
		this.definitions = definitions;
		this.reevaluator = reevaluator;
		this.writer = writer;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Re-evaluates everything due at the clock's now.
	 * @return how many profiles were re-evaluated
	 */
	public Mono<Integer> runDue() {
		Instant now = this.clock.instant();
		return Mono.defer(() -> claimOne(now))
			.repeat(this.properties.profilesPerRun() - 1L)
			.takeWhile((claimed) -> claimed)
			.count()
			.map(Long::intValue);
	}

	private Mono<Boolean> claimOne(Instant now) {
		String nowText = now.truncatedTo(ChronoUnit.MICROS).toString();
		Mono<List<MembershipChange>> work = this.database.sql("""
				SELECT e.profile_id FROM evaluation_schedule e
				JOIN segments s ON s.key = e.segment_key AND s.status = 'ACTIVE'
				WHERE e.due_at <= $1::timestamptz AND pg_try_advisory_xact_lock(%s)
				ORDER BY e.due_at LIMIT 1 FOR UPDATE OF e SKIP LOCKED
				""".formatted(ProfileLocks.KEY.formatted("e.profile_id")))
			.bind(0, nowText)
			.map((row) -> row.get("profile_id", UUID.class))
			.one()
			.flatMap((profile) -> this.database.sql("""
					DELETE FROM evaluation_schedule e USING segments s
					WHERE e.profile_id = $1 AND e.due_at <= $2::timestamptz
					  AND s.key = e.segment_key AND s.status = 'ACTIVE'
					RETURNING e.segment_key
					""")
				.bind(0, profile)
				.bind(1, nowText)
				.map((row) -> String.valueOf(row.get("segment_key", String.class)))
				.all()
				.collectList()
				.flatMap((keys) -> this.definitions.load()
					.flatMap((all) -> this.reevaluator.reevaluate(profile, all.withDependents(Set.copyOf(keys)), now,
							"time"))));
		return this.transactions.transactional(work)
			.flatMap((changes) -> this.writer.publish(changes).thenReturn(true))
			.defaultIfEmpty(false);
	}

	@Override
	public void start() {
		if (!this.properties.isEnabled()) {
			return;
		}
		this.running = Flux.interval(this.properties.tick())
			.onBackpressureDrop()
			.concatMap((tick) -> runDue().onErrorResume((ex) -> {
				log.warn("Time-triggered re-evaluation failed, retrying on the next tick: {}", ex.toString());
				return Mono.just(0);
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
