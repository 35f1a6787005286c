package dev.zielwerk.connectors.sync;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationType;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Read models of destinations, syncs, runs and rejected records for the API. Credentials
 * are never read here.
 */
public final class SyncReader {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String RUN_COLUMNS = "id, sync_id, status, full_audience, attempts, eligible, skipped_no_consent,"
			+ " added, removed, rejected, match_rate, error, queued_at, started_at, finished_at";

	private final DatabaseClient database;

	SyncReader(DatabaseClient database) {
		this.database = database;
	}

	public Flux<DestinationView> destinations(Collection<UUID> ids) {
		return this.database
			.sql("SELECT id, type, name, purpose, settings::text AS settings FROM destinations"
					+ " WHERE id = ANY(:ids::uuid[])")
			.bind("ids", ids.toArray(new UUID[0]))
			.map(SyncReader::toDestination)
			.all();
	}

	/**
	 * What is known of a destination's health: its last test and the last error of a run
	 * of one of its syncs.
	 * @param id the destination
	 * @return the health (empty when the destination does not exist)
	 */
	public Mono<HealthView> health(UUID id) {
		return this.database.sql("""
				SELECT d.last_test_at, d.last_test_ok, d.last_test_message, e.error, e.at
				FROM destinations d
				LEFT JOIN LATERAL (SELECT r.error, coalesce(r.finished_at, r.started_at, r.queued_at) AS at
				                   FROM sync_runs r JOIN audience_syncs s ON s.id = r.sync_id
				                   WHERE s.destination_id = d.id AND r.error IS NOT NULL
				                   ORDER BY r.queued_at DESC LIMIT 1) e ON true
				WHERE d.id = :id""")
			.bind("id", id)
			.map((row) -> new HealthView(row.get("last_test_at", Instant.class), row.get("last_test_ok", Boolean.class),
					row.get("last_test_message", String.class), row.get("error", String.class),
					row.get("at", Instant.class)))
			.one();
	}

	public Mono<SyncView> sync(UUID id) {
		return this.database.sql("SELECT * FROM audience_syncs WHERE id = :id")
			.bind("id", id)
			.map(SyncReader::toSync)
			.one();
	}

	public Flux<SyncView> syncsOfSegments(Collection<String> segmentIds) {
		return this.database
			.sql("SELECT * FROM audience_syncs WHERE segment_id = ANY(:ids::text[]) ORDER BY created_at, id")
			.bind("ids", segmentIds.toArray(new String[0]))
			.map(SyncReader::toSync)
			.all();
	}

	public Mono<RunView> run(UUID id) {
		return this.database.sql("SELECT " + RUN_COLUMNS + " FROM sync_runs WHERE id = :id")
			.bind("id", id)
			.map(SyncReader::toRun)
			.one();
	}

	/**
	 * Runs of a sync, newest first (run ids are time-ordered).
	 * @param before the id to continue before, or {@code null}
	 */
	public Flux<RunView> runs(UUID syncId, @Nullable UUID before, int limit) {
		var spec = this.database
			.sql("SELECT " + RUN_COLUMNS + " FROM sync_runs WHERE sync_id = :sync"
					+ ((before != null) ? " AND id < :before" : "") + " ORDER BY id DESC LIMIT :limit")
			.bind("sync", syncId)
			.bind("limit", limit);
		if (before != null) {
			spec = spec.bind("before", before);
		}
		return spec.map(SyncReader::toRun).all();
	}

	/**
	 * Rejected records of a run in the order sent.
	 * @param after the sequence number to continue after
	 */
	public Flux<RecordView> rejected(UUID runId, long after, int limit) {
		return this.database
			.sql("SELECT seq, member_key, action, code, reason FROM run_records"
					+ " WHERE run_id = :run AND outcome = 'REJECTED' AND seq > :after ORDER BY seq LIMIT :limit")
			.bind("run", runId)
			.bind("after", after)
			.bind("limit", limit)
			.map((row) -> new RecordView(row.get("seq", Long.class), row.get("member_key", String.class),
					row.get("action", String.class), row.get("code", String.class), row.get("reason", String.class)))
			.all();
	}

	private static DestinationView toDestination(Readable row) {
		Map<String, String> settings = new LinkedHashMap<>();
		JsonNode node = JSON.readTree(row.get("settings", String.class));
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			settings.put(field.getKey(), field.getValue().asString(field.getValue().toString()));
		}
		return new DestinationView(row.get("id", UUID.class), DestinationType.valueOf(row.get("type", String.class)),
				row.get("name", String.class), ConsentPurpose.valueOf(row.get("purpose", String.class)), settings);
	}

	private static SyncView toSync(Readable row) {
		return new SyncView(row.get("id", UUID.class), row.get("segment_id", String.class),
				row.get("segment_key", String.class), row.get("destination_id", UUID.class),
				SyncMode.valueOf(row.get("mode", String.class)), row.get("schedule", String.class),
				Boolean.TRUE.equals(row.get("enabled", Boolean.class)));
	}

	private static RunView toRun(Readable row) {
		return new RunView(row.get("id", UUID.class), row.get("sync_id", UUID.class),
				RunStatus.valueOf(row.get("status", String.class)),
				Boolean.TRUE.equals(row.get("full_audience", Boolean.class)), row.get("attempts", Integer.class),
				new RunCounts(row.get("eligible", Long.class), row.get("skipped_no_consent", Long.class),
						row.get("added", Long.class), row.get("removed", Long.class), row.get("rejected", Long.class)),
				row.get("match_rate", String.class), row.get("error", String.class),
				row.get("queued_at", Instant.class), row.get("started_at", Instant.class),
				row.get("finished_at", Instant.class));
	}

	/**
	 * A destination without its credentials.
	 *
	 * @param id the id
	 * @param type the kind
	 * @param name the display name
	 * @param purpose the consent purpose
	 * @param settings the non-secret settings
	 */
	public record DestinationView(UUID id, DestinationType type, String name, ConsentPurpose purpose,
			Map<String, String> settings) {

	}

	/**
	 * A destination's health as stored.
	 *
	 * @param lastTestedAt when it was last tested
	 * @param lastTestOk whether that test passed
	 * @param lastTestMessage why not, when not
	 * @param lastError the last error of a run of one of its syncs
	 * @param lastErrorAt when that run last ran
	 */
	public record HealthView(@Nullable Instant lastTestedAt, @Nullable Boolean lastTestOk,
			@Nullable String lastTestMessage, @Nullable String lastError, @Nullable Instant lastErrorAt) {

	}

	/**
	 * An audience sync.
	 *
	 * @param id the id
	 * @param segmentId the segment id
	 * @param segmentKey the segment key
	 * @param destinationId the destination
	 * @param mode the mode
	 * @param schedule cron or {@code REAL_TIME}
	 * @param enabled whether its runs are claimed
	 */
	public record SyncView(UUID id, String segmentId, String segmentKey, UUID destinationId, SyncMode mode,
			String schedule, boolean enabled) {

	}

	/**
	 * A sync run.
	 *
	 * @param id the id
	 * @param syncId the sync
	 * @param status the status
	 * @param fullAudience whether the whole audience is diffed
	 * @param attempts claims so far
	 * @param counts the figures
	 * @param matchRate the destination's match figure, if any
	 * @param error the last failure, if any
	 * @param queuedAt when queued
	 * @param startedAt when first claimed
	 * @param finishedAt when finished
	 */
	public record RunView(UUID id, UUID syncId, RunStatus status, boolean fullAudience, int attempts, RunCounts counts,
			@Nullable String matchRate, @Nullable String error, Instant queuedAt, @Nullable Instant startedAt,
			@Nullable Instant finishedAt) {

	}

	/**
	 * A rejected record.
	 *
	 * @param seq its position in the run
	 * @param memberKey the profile id
	 * @param action ADD or REMOVE
	 * @param code the destination's code
	 * @param reason the destination's reason
	 */
	public record RecordView(long seq, String memberKey, String action, @Nullable String code,
			@Nullable String reason) {

	}

}
