package dev.zielwerk.profile.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.spi.ConnectionFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;

/**
 * Appends unsent outbox rows to the Redis profile stream in {@code seq} order and marks
 * them sent.
 *
 * <p>
 * Only one relay is active across all instances, so the stream keeps the outbox order:
 * each instance opens a dedicated PostgreSQL session and takes a session-level advisory
 * lock ({@code pg_try_advisory_lock}); instances that do not get it stand by and retry.
 * An advisory lock rather than a lease row because PostgreSQL releases it by itself the
 * moment the holder's session ends, with no expiry to tune and no clock to trust, and
 * because all of the relay's statements run on that session, a relay that lost the lock
 * can no longer mark rows sent (see {@link RelayConnection}).
 *
 * <p>
 * The active relay drains the outbox on every {@code NOTIFY} from the outbox trigger (a
 * few milliseconds after commit) and on a short poll interval as a safety net. Each batch
 * is one query, one Redis script call appending every row atomically and exactly once
 * ({@link StreamAppender}), and one update.
 *
 * <p>
 * Order: each batch is the unsent rows committed at the time, in {@code seq} order. A
 * transaction that commits after a row with a higher {@code seq} was relayed is relayed
 * after it, so the order per profile relies on writers serialising per profile: holding
 * the profile's row lock from before they append until commit makes {@code seq} order per
 * profile equal commit order.
 *
 * <p>
 * Stopping stops the triggers, lets the batch in flight finish, then closes the session,
 * which releases the lock to a stand-by instance.
 */
final class OutboxRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private static final int RETENTION_CHUNK = 10_000;

	private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

	private final ConnectionFactory sessions;

	private final StreamAppender appender;

	private final RelayProperties properties;

	private final Object monitor = new Object();

	private volatile boolean running;

	private volatile boolean active;

	private Sinks.One<Boolean> stopRequested = Sinks.one();

	private Sinks.Empty<Void> terminated = Sinks.empty();

	private Instant nextRetention = Instant.MIN;

	/**
	 * @param sessions where the relay opens its dedicated session; not a pool, as the
	 * session is held for as long as the relay runs
	 */
	OutboxRelay(ConnectionFactory sessions, StreamAppender appender, RelayProperties properties) {
		this.sessions = sessions;
		this.appender = appender;
		this.properties = properties;
	}

	@Override
	public boolean isAutoStartup() {
		return this.properties.enabled();
	}

	/** Late start and early stop: after the connection factories, before they close. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 8192;
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.stopRequested = Sinks.one();
			this.terminated = Sinks.empty();
			Sinks.Empty<Void> done = this.terminated;
			// each run has its own stop signal, so a run still finishing cannot miss it
			Mono<Boolean> stop = this.stopRequested.asMono();
			Mono.defer(() -> session(stop)).onErrorResume((ex) -> {
				logger.warn("Outbox relay session failed; reconnecting", ex);
				return Mono.empty();
			})
				.then(Mono.defer(() -> this.running ? Mono.delay(RECONNECT_DELAY).then() : Mono.<Void>empty())
					.takeUntilOther(stop))
				.repeat(() -> this.running)
				.doFinally((signal) -> done.tryEmitEmpty())
				.subscribe();
		}
	}

	@Override
	public void stop(Runnable callback) {
		shutdown().subscribe(null, (ex) -> callback.run(), callback);
	}

	@Override
	public void stop() {
		shutdown().subscribe();
	}

	/**
	 * Stops polling and listening; completes once the batch in flight is marked sent and
	 * the session (and with it the lock) is released.
	 */
	Mono<Void> shutdown() {
		synchronized (this.monitor) {
			if (!this.running) {
				return this.terminated.asMono();
			}
			this.running = false;
			this.stopRequested.tryEmitValue(Boolean.TRUE);
			return this.terminated.asMono();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** The keys of the stream this relay appends to. */
	StreamKeys keys() {
		return this.appender.keys();
	}

	/** Whether this instance holds the lock and relays (rather than standing by). */
	boolean isActive() {
		return this.active;
	}

	private Mono<Void> session(Mono<Boolean> stop) {
		return Mono.usingWhen(Mono.from(this.sessions.create()).map(RelayConnection::new),
				(connection) -> acquire(connection, stop).flatMap((locked) -> lead(connection, stop)),
				(connection) -> release(connection), (connection, ex) -> release(connection),
				(connection) -> release(connection));
	}

	private Mono<Void> release(RelayConnection connection) {
		this.active = false;
		return connection.close();
	}

	/** Emits once the lock is held; completes empty when stopped while standing by. */
	private Mono<Boolean> acquire(RelayConnection connection, Mono<Boolean> stop) {
		return Mono.defer(connection::tryLock)
			.filter(Boolean::booleanValue)
			.repeatWhenEmpty(
					(attempts) -> attempts.concatMap((attempt) -> Mono.delay(this.properties.lockRetryInterval()))
						.takeUntilOther(stop));
	}

	private Mono<Void> lead(RelayConnection connection, Mono<Boolean> stop) {
		this.active = true;
		this.nextRetention = Instant.now();
		logger.info("Outbox relay active");
		Flux<Object> triggers = Flux.merge(Flux.just(Boolean.TRUE), connection.listen(),
				Flux.interval(this.properties.pollInterval()));
		return triggers.takeUntilOther(stop).onBackpressureLatest().concatMap((trigger) -> drain(connection), 1).then();
	}

	/** Relays batches until one comes back short, then deletes expired rows when due. */
	private Mono<Void> drain(RelayConnection connection) {
		AtomicInteger last = new AtomicInteger();
		return Mono.defer(() -> this.running ? relayBatch(connection) : Mono.just(0))
			.doOnNext(last::set)
			.repeat(() -> this.running && last.get() == this.properties.batchSize())
			.then(Mono.defer(() -> retentionIfDue(connection)));
	}

	private Mono<Integer> relayBatch(RelayConnection connection) {
		return connection.unsent(this.properties.batchSize()).collectList().flatMap((rows) -> {
			if (rows.isEmpty()) {
				return Mono.just(0);
			}
			return this.appender.append(rows)
				.flatMap((streamIds) -> connection.markSent(rows, streamIds))
				.doOnNext((marked) -> warnIfNotAllMarked(marked, rows))
				.then(this.appender.release(rows))
				.thenReturn(rows.size());
		});
	}

	private static void warnIfNotAllMarked(long marked, List<OutboxRow> rows) {
		if (marked != rows.size()) {
			logger.warn("Outbox relay marked " + marked + " of " + rows.size() + " rows from seq " + rows.get(0).seq()
					+ "; the others were marked by another relay");
		}
	}

	private Mono<Void> retentionIfDue(RelayConnection connection) {
		Instant now = Instant.now();
		if (!this.running || now.isBefore(this.nextRetention)) {
			return Mono.empty();
		}
		this.nextRetention = now.plus(this.properties.retentionInterval());
		Instant cutoff = now.minus(this.properties.retention());
		AtomicInteger last = new AtomicInteger();
		return Mono.defer(() -> connection.deleteSentBefore(cutoff, RETENTION_CHUNK))
			.doOnNext((deleted) -> last.set(deleted.intValue()))
			.repeat(() -> this.running && last.get() == RETENTION_CHUNK)
			.then();
	}

}
