package dev.zielwerk.connectors.sync;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A worker: claims runs, executes them under a lease it extends with heartbeats, and
 * gives a run back (checkpoint kept) when the destination or the audience source fails.
 * Many workers, in one or many instances, share the queue; the lease guarantees a run is
 * executed by one of them at a time.
 */
final class SyncWorker {

	private static final Log logger = LogFactory.getLog(SyncWorker.class);

	private final String owner;

	private final RunStore runs;

	private final RunEngine engine;

	private final SyncProperties properties;

	private volatile Disposable loop = Disposables.disposed();

	SyncWorker(String owner, RunStore runs, RunEngine engine, SyncProperties properties) {
		this.owner = owner;
		this.runs = runs;
		this.engine = engine;
		this.properties = properties;
	}

	String owner() {
		return this.owner;
	}

	/**
	 * Claims one run and executes it to its end or failure.
	 * @return whether a run was claimed
	 */
	Mono<Boolean> runOnce() {
		return this.runs.claim(this.owner)
			.flatMap((run) -> execute(run).then().onErrorResume(LeaseLostException.class, (ex) -> {
				logger.warn("Run " + run.id() + " was taken over by another worker");
				return Mono.empty();
			}).onErrorResume((ex) -> {
				logger.warn("Run " + run.id() + " failed (attempt " + run.attempts() + "); its checkpoint is kept: "
						+ ex.getMessage());
				return this.runs.release(run.id(), this.owner, String.valueOf(ex.getMessage()),
						this.properties.retryDelay(), this.properties.maxAttempts());
			}).thenReturn(true))
			.defaultIfEmpty(false);
	}

	/**
	 * Executes a claimed run, extending its lease while it works.
	 * @param run the run
	 * @return progress after each committed chunk, then the finished run
	 */
	Flux<RunProgress> execute(ClaimedRun run) {
		Flux<RunProgress> heartbeats = Flux.interval(this.properties.heartbeat())
			.concatMap((tick) -> this.runs.heartbeat(run.id(), this.owner))
			.filter((held) -> !held)
			.concatMap((lost) -> Flux.error(new LeaseLostException(run.id())));
		return this.engine.execute(run, this.owner).mergeWith(heartbeats).takeUntil(RunProgress::finished);
	}

	/** Starts claiming runs, {@code concurrency} at a time. */
	void start() {
		this.loop = Flux.interval(Duration.ZERO, this.properties.pollInterval())
			.onBackpressureDrop()
			.flatMap((tick) -> drain(), this.properties.concurrency())
			.subscribe();
	}

	private Mono<Boolean> drain() {
		return runOnce().expand((claimed) -> claimed ? runOnce() : Mono.empty()).last(false).onErrorResume((ex) -> {
			logger.warn("Claiming sync runs failed: " + ex.getMessage());
			return Mono.just(false);
		});
	}

	void stop() {
		this.loop.dispose();
	}

}
