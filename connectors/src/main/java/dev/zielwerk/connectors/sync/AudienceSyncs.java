package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.support.CronExpression;

/**
 * Audience syncs (segment → destination with a mode and a schedule) and the entry points
 * that queue their runs.
 */
public final class AudienceSyncs {

	/** The schedule of syncs that react to membership changes. */
	public static final String REAL_TIME = "REAL_TIME";

	private final DatabaseClient database;

	private final RunStore runs;

	AudienceSyncs(DatabaseClient database, RunStore runs) {
		this.database = database;
		this.runs = runs;
	}

	/**
	 * Stores a sync.
	 * @param segmentId the segment's id
	 * @param segmentKey the segment's key
	 * @param destinationId the destination
	 * @param mode the mode
	 * @param schedule a Spring cron expression (six fields) or {@link #REAL_TIME}
	 * @return the sync id
	 * @throws IllegalArgumentException (in the Mono) for a schedule that is neither
	 */
	public Mono<UUID> create(String segmentId, String segmentKey, UUID destinationId, SyncMode mode, String schedule) {
		return Mono.defer(() -> {
			// a real-time sync starts with a full run: the members it has before any
			// change
			Instant next = REAL_TIME.equals(schedule) ? Instant.now() : nextRun(schedule, Instant.now(), Duration.ZERO);
			UUID id = Ids.next();
			var spec = this.database
				.sql("INSERT INTO audience_syncs (id, segment_id, segment_key, destination_id, mode, schedule,"
						+ " next_run_at) VALUES (:id, :segment, :key, :destination, :mode, :schedule, :next)")
				.bind("id", id)
				.bind("segment", segmentId)
				.bind("key", segmentKey)
				.bind("destination", destinationId)
				.bind("mode", mode.name())
				.bind("schedule", schedule);
			spec = spec.bind("next", next);
			return spec.fetch().rowsUpdated().thenReturn(id);
		});
	}

	/**
	 * Queues a run of the whole audience now (a no-op when one already waits).
	 * @param syncId the sync
	 * @return the waiting run
	 */
	public Mono<UUID> trigger(UUID syncId) {
		return this.runs.enqueueFull(syncId);
	}

	/**
	 * Stops claiming runs of the sync; a running run finishes its current chunk and stops
	 * at its next claim.
	 */
	public Mono<Void> pause(UUID syncId) {
		return enable(syncId, false);
	}

	public Mono<Void> resume(UUID syncId) {
		return enable(syncId, true);
	}

	private Mono<Void> enable(UUID syncId, boolean enabled) {
		return this.database.sql("UPDATE audience_syncs SET enabled = :enabled WHERE id = :id")
			.bind("enabled", enabled)
			.bind("id", syncId)
			.fetch()
			.rowsUpdated()
			.then();
	}

	/**
	 * When the scheduler queues the next full run: when the cron expression fires next,
	 * or, for {@link #REAL_TIME}, after the reconcile interval (pub/sub may have lost
	 * changes while no instance listened).
	 * @throws IllegalArgumentException for an invalid schedule
	 */
	static Instant nextRun(String schedule, Instant after, Duration reconcile) {
		if (REAL_TIME.equals(schedule)) {
			return after.plus(reconcile);
		}
		ZonedDateTime next = CronExpression.parse(schedule).next(after.atZone(ZoneOffset.UTC));
		if (next == null) {
			throw new IllegalArgumentException("schedule " + schedule + " never fires");
		}
		return next.toInstant();
	}

}
