package dev.zielwerk.connectors.sync;

import org.springframework.context.SmartLifecycle;

/**
 * Starts this instance's background work when {@code workers-enabled}: claiming runs,
 * queueing due cron runs, listening for membership changes and profiles. Stopped before
 * the connection pools close.
 */
final class SyncLifecycle implements SmartLifecycle {

	private final SyncProperties properties;

	private final SyncWorker worker;

	private final SyncScheduler scheduler;

	private final SegmentChangeListener changes;

	private final ProfileStreamListener profiles;

	private volatile boolean running;

	SyncLifecycle(SyncProperties properties, SyncWorker worker, SyncScheduler scheduler, SegmentChangeListener changes,
			ProfileStreamListener profiles) {
		this.properties = properties;
		this.worker = worker;
		this.scheduler = scheduler;
		this.changes = changes;
		this.profiles = profiles;
	}

	@Override
	public void start() {
		if (this.properties.workersEnabled()) {
			this.changes.start(this.properties.realTimeWindow(), this.properties.realTimeMaxChanges());
			this.profiles.start(this.properties.pollInterval());
			this.scheduler.start(this.properties.schedulerInterval());
			this.worker.start();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.worker.stop();
		this.scheduler.stop();
		this.changes.stop();
		this.profiles.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the web server, before pools: stop claiming before connections go away
		return SmartLifecycle.DEFAULT_PHASE - 8192;
	}

}
