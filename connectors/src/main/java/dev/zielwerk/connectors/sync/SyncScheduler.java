package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Queues a full run for every sync that is due (cron syncs when their expression fires,
 * real-time syncs once at creation and then every reconcile interval), and moves its next
 * run time on. Due syncs are locked with {@code SKIP LOCKED}, so any number of instances
 * can run the scheduler and each due sync is queued once.
 */
final class SyncScheduler {

	private static final Log logger = LogFactory.getLog(SyncScheduler.class);

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final RunStore runs;

	private volatile Disposable loop = Disposables.disposed();

	private final Duration reconcile;

	SyncScheduler(DatabaseClient database, TransactionalOperator transactions, RunStore runs, Duration reconcile) {
		this.reconcile = reconcile;
		this.database = database;
		this.transactions = transactions;
		this.runs = runs;
	}

	/**
	 * Queues the runs of the syncs due now.
	 * @return how many were queued
	 */
	Mono<Long> enqueueDue() {
		Mono<Long> work = this.database
			.sql("SELECT id, schedule FROM audience_syncs WHERE enabled AND next_run_at <= now()"
					+ " ORDER BY next_run_at LIMIT 100 FOR UPDATE SKIP LOCKED")
			.map((row) -> new Due(row.get("id", UUID.class), row.get("schedule", String.class)))
			.all()
			.concatMap((due) -> this.runs.enqueueFull(due.id())
				.then(this.database.sql("UPDATE audience_syncs SET next_run_at = :next WHERE id = :id")
					.bind("next", AudienceSyncs.nextRun(due.schedule(), Instant.now(), this.reconcile))
					.bind("id", due.id())
					.fetch()
					.rowsUpdated()))
			.count();
		return this.transactions.transactional(work);
	}

	void start(Duration interval) {
		this.loop = Flux.interval(Duration.ZERO, interval)
			.onBackpressureDrop()
			.concatMap((tick) -> enqueueDue().onErrorResume((ex) -> {
				logger.warn("Queueing due syncs failed: " + ex.getMessage());
				return Mono.just(0L);
			}))
			.subscribe();
	}

	void stop() {
		this.loop.dispose();
	}

	private record Due(UUID id, String schedule) {

	}

}
