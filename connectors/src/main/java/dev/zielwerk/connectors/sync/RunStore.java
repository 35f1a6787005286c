package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The run queue in PostgreSQL: enqueueing, claiming with {@code FOR UPDATE SKIP LOCKED}
 * under a lease, heartbeats, and the end of a run. A run whose lease expired (its worker
 * died, or gave it back after a destination failure) is claimable again and resumes from
 * its checkpoint.
 */
final class RunStore {

	private static final String CLAIM = """
			UPDATE sync_runs r
			SET status = 'RUNNING', lease_owner = :owner, lease_expires_at = now() + make_interval(secs => :lease),
			    heartbeat_at = now(), started_at = coalesce(r.started_at, now()), attempts = r.attempts + 1
			FROM audience_syncs s,
			     (SELECT c.id FROM sync_runs c JOIN audience_syncs cs ON cs.id = c.sync_id
			      WHERE cs.enabled
			        AND ((c.status = 'RUNNING' AND c.lease_expires_at < now())
			          OR (c.status = 'QUEUED' AND NOT EXISTS
			               (SELECT 1 FROM sync_runs o WHERE o.sync_id = c.sync_id AND o.status = 'RUNNING')))
			      ORDER BY c.queued_at
			      LIMIT 1
			      FOR UPDATE OF c SKIP LOCKED) picked
			WHERE r.id = picked.id AND s.id = r.sync_id
			RETURNING r.id, r.sync_id, s.segment_id, s.destination_id, s.mode, r.full_audience,
			          r.checkpoint::text AS checkpoint, r.attempts""";

	private final DatabaseClient database;

	private final double leaseSeconds;

	RunStore(DatabaseClient database, Duration lease) {
		this.database = database;
		this.leaseSeconds = lease.toMillis() / 1000.0;
	}

	/**
	 * Queues a run of the whole audience, or widens the waiting run to the whole
	 * audience.
	 * @param syncId the sync
	 * @return the waiting run
	 */
	Mono<UUID> enqueueFull(UUID syncId) {
		return this.database.sql("""
				INSERT INTO sync_runs (id, sync_id, full_audience, status) VALUES (:id, :sync, true, 'QUEUED')
				ON CONFLICT (sync_id) WHERE status = 'QUEUED' DO UPDATE SET full_audience = true
				RETURNING id""")
			.bind("id", Ids.next())
			.bind("sync", syncId)
			.map((row) -> row.get("id", UUID.class))
			.one();
	}

	/**
	 * Queues the profiles that changed for the sync's waiting run, creating it if none
	 * waits. The insert locks the waiting row, so a worker cannot claim it between the
	 * two statements.
	 * @param syncId the sync
	 * @param keys the changed profiles
	 * @param consentWithdrawn whether their consent for the destination's purpose was
	 * withdrawn
	 * @return the waiting run
	 */
	Mono<UUID> enqueueScope(UUID syncId, List<String> keys, boolean consentWithdrawn) {
		Mono<UUID> run = this.database.sql("""
				INSERT INTO sync_runs (id, sync_id, full_audience, status) VALUES (:id, :sync, false, 'QUEUED')
				ON CONFLICT (sync_id) WHERE status = 'QUEUED' DO UPDATE SET full_audience = sync_runs.full_audience
				RETURNING id""")
			.bind("id", Ids.next())
			.bind("sync", syncId)
			.map((row) -> row.get("id", UUID.class))
			.one();
		return run.flatMap((id) -> this.database
			.sql("INSERT INTO run_scope (run_id, member_key, consent_withdrawn)"
					+ " SELECT :run, k, :withdrawn FROM unnest(:keys::text[]) AS k ON CONFLICT (run_id, member_key)"
					+ " DO UPDATE SET consent_withdrawn = run_scope.consent_withdrawn OR EXCLUDED.consent_withdrawn")
			.bind("run", id)
			.bind("withdrawn", consentWithdrawn)
			.bind("keys", keys.toArray(new String[0]))
			.fetch()
			.rowsUpdated()
			.thenReturn(id));
	}

	/**
	 * Claims the oldest claimable run for a worker.
	 * @param owner the worker
	 * @return the run, or empty when none is claimable
	 */
	Mono<ClaimedRun> claim(String owner) {
		return this.database.sql(CLAIM)
			.bind("owner", owner)
			.bind("lease", this.leaseSeconds)
			.map(RunStore::claimed)
			.one()
			// two workers may pick two runs of one sync at once; the unique index lets
			// one win
			.onErrorResume(DataIntegrityViolationException.class, (ex) -> Mono.empty());
	}

	private static ClaimedRun claimed(Readable row) {
		return new ClaimedRun(row.get("id", UUID.class), row.get("sync_id", UUID.class),
				row.get("segment_id", String.class), row.get("destination_id", UUID.class),
				SyncMode.valueOf(row.get("mode", String.class)),
				Boolean.TRUE.equals(row.get("full_audience", Boolean.class)),
				Checkpoint.parse(row.get("checkpoint", String.class)), row.get("attempts", Integer.class));
	}

	/**
	 * Extends the lease.
	 * @return whether the worker still holds it
	 */
	Mono<Boolean> heartbeat(UUID runId, String owner) {
		return this.database.sql("""
				UPDATE sync_runs SET heartbeat_at = now(), lease_expires_at = now() + make_interval(secs => :lease)
				WHERE id = :id AND lease_owner = :owner AND status = 'RUNNING'""")
			.bind("lease", this.leaseSeconds)
			.bind("id", runId)
			.bind("owner", owner)
			.fetch()
			.rowsUpdated()
			.map((count) -> count == 1);
	}

	/**
	 * The next keys of a real-time run's scope.
	 */
	Flux<ScopeEntry> scope(UUID runId, String after, int limit) {
		return this.database
			.sql("SELECT member_key, consent_withdrawn FROM run_scope WHERE run_id = :run AND member_key > :after"
					+ " ORDER BY member_key LIMIT :limit")
			.bind("run", runId)
			.bind("after", after)
			.bind("limit", limit)
			.map((row) -> new ScopeEntry(row.get("member_key", String.class),
					Boolean.TRUE.equals(row.get("consent_withdrawn", Boolean.class))))
			.all();
	}

	/**
	 * One profile in a real-time run's scope.
	 *
	 * @param key the profile
	 * @param consentWithdrawn whether its consent for the destination's purpose was
	 * withdrawn
	 */
	record ScopeEntry(String key, boolean consentWithdrawn) {

	}

	/**
	 * Ends a run whose last chunk was committed: PARTIAL when any record was rejected.
	 * @return the final status
	 */
	Mono<RunStatus> finish(UUID runId, String owner) {
		// a finished run needs neither its checkpoint nor its scope, and both name
		// members
		// (an erased person must not stay in them)
		return this.database.sql("""
				UPDATE sync_runs
				SET status = CASE WHEN rejected > 0 THEN 'PARTIAL' ELSE 'SUCCEEDED' END, finished_at = now(),
				    lease_owner = NULL, lease_expires_at = NULL, error = NULL, checkpoint = '{}'::jsonb
				WHERE id = :id AND lease_owner = :owner AND status = 'RUNNING'
				RETURNING status""")
			.bind("id", runId)
			.bind("owner", owner)
			.map((row) -> RunStatus.valueOf(row.get("status", String.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new LeaseLostException(runId)))
			.flatMap((status) -> dropScope(runId).thenReturn(status));
	}

	private Mono<Void> dropScope(UUID runId) {
		return this.database.sql("DELETE FROM run_scope WHERE run_id = :id").bind("id", runId).then();
	}

	/**
	 * Gives a run back after a failure: it keeps its checkpoint and becomes claimable
	 * after the delay, or fails for good after the last attempt.
	 */
	Mono<Void> release(UUID runId, String owner, String error, Duration delay, int maxAttempts) {
		return this.database.sql("""
				UPDATE sync_runs
				SET lease_owner = NULL, lease_expires_at = now() + make_interval(secs => :delay), error = :error,
				    status = CASE WHEN attempts >= :max THEN 'FAILED' ELSE 'RUNNING' END,
				    finished_at = CASE WHEN attempts >= :max THEN now() END,
				    checkpoint = CASE WHEN attempts >= :max THEN '{}'::jsonb ELSE checkpoint END
				WHERE id = :id AND lease_owner = :owner AND status = 'RUNNING'
				RETURNING status""")
			.bind("delay", delay.toMillis() / 1000.0)
			.bind("error", error)
			.bind("max", maxAttempts)
			.bind("id", runId)
			.bind("owner", owner)
			.map((row) -> String.valueOf(row.get("status", String.class)))
			.all()
			.filter("FAILED"::equals)
			.concatMap((failed) -> dropScope(runId))
			.then();
	}

}
