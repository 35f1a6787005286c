package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.RecordOutcome;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Records what a chunk sent in ONE transaction with the run's checkpoint: the new state
 * of each member at the destination, one record per member sent, the run's counts, and
 * the checkpoint itself. The checkpoint update also proves the worker still holds the
 * lease; if it does not, nothing is recorded and the chunk is left to the new holder.
 */
final class ChunkLedger {

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final MemberVault vault;

	private final double leaseSeconds;

	ChunkLedger(DatabaseClient database, TransactionalOperator transactions, MemberVault vault, Duration lease) {
		this.database = database;
		this.transactions = transactions;
		this.vault = vault;
		this.leaseSeconds = lease.toMillis() / 1000.0;
	}

	Mono<RunCounts> commit(ClaimedRun run, String owner, Checkpoint checkpoint, ChunkPlan plan, ChunkOutcome outcome) {
		Map<String, AudienceMember> adds = plan.adds()
			.stream()
			.collect(Collectors.toMap(AudienceMember::key, Function.identity(), (a, b) -> b));
		List<AudienceMember> added = outcome.adds()
			.accepted()
			.stream()
			.map((accepted) -> adds.get(accepted.key()))
			.filter(Objects::nonNull)
			.toList();
		List<String> removed = outcome.removes().accepted().stream().map(RecordOutcome::key).toList();
		long rejected = outcome.adds().rejected().size() + outcome.removes().rejected().size();
		String matchRate = (outcome.removes().matchRate() != null) ? outcome.removes().matchRate()
				: outcome.adds().matchRate();
		Mono<RunCounts> work = advance(run, owner, checkpoint, plan, added.size(), removed.size(), rejected, matchRate)
			.flatMap((counts) -> markSeen(run, plan.seen()).then(upsertAdded(run, added))
				.then(markRemoved(run, removed))
				.then(records(run.id(), outcome))
				.thenReturn(counts));
		return this.transactions.transactional(work);
	}

	private Mono<RunCounts> advance(ClaimedRun run, String owner, Checkpoint checkpoint, ChunkPlan plan, long added,
			long removed, long rejected, @Nullable String matchRate) {
		return this.database.sql("""
				UPDATE sync_runs
				SET checkpoint = :checkpoint::jsonb, eligible = eligible + :eligible,
				    skipped_no_consent = skipped_no_consent + :skipped, added = added + :added,
				    removed = removed + :removed, rejected = rejected + :rejected,
				    match_rate = coalesce(NULLIF(:matchRate, ''), match_rate),
				    heartbeat_at = now(), lease_expires_at = now() + make_interval(secs => :lease)
				WHERE id = :id AND lease_owner = :owner AND status = 'RUNNING'
				RETURNING eligible, skipped_no_consent, added, removed, rejected""")
			.bind("checkpoint", checkpoint.json())
			.bind("eligible", (long) plan.eligible())
			.bind("skipped", (long) plan.skippedNoConsent())
			.bind("added", added)
			.bind("removed", removed)
			.bind("rejected", rejected)
			.bind("matchRate", (matchRate != null) ? matchRate : "")
			.bind("lease", this.leaseSeconds)
			.bind("id", run.id())
			.bind("owner", owner)
			.map((row) -> new RunCounts(row.get("eligible", Long.class), row.get("skipped_no_consent", Long.class),
					row.get("added", Long.class), row.get("removed", Long.class), row.get("rejected", Long.class)))
			.one()
			.switchIfEmpty(Mono.error(() -> new LeaseLostException(run.id())));
	}

	private Mono<Void> markSeen(ClaimedRun run, List<String> seen) {
		if (!run.fullAudience() || seen.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql(
				"UPDATE synced_members SET seen_run_id = :run WHERE sync_id = :sync AND member_key = ANY(:keys::text[])")
			.bind("run", run.id())
			.bind("sync", run.syncId())
			.bind("keys", seen.toArray(new String[0]))
			.fetch()
			.rowsUpdated()
			.then();
	}

	private Mono<Void> upsertAdded(ClaimedRun run, List<AudienceMember> added) {
		if (added.isEmpty()) {
			return Mono.empty();
		}
		int size = added.size();
		String[] keys = new String[size];
		String[] hashes = new String[size];
		String[] sealed = new String[size];
		for (int i = 0; i < size; i++) {
			AudienceMember member = added.get(i);
			keys[i] = member.key();
			hashes[i] = MemberVault.hash(member);
			sealed[i] = this.vault.seal(run.syncId(), member);
		}
		return this.database
			.sql("""
					INSERT INTO synced_members (sync_id, member_key, identifiers_hash, identifiers, state, last_sent_at,
					                            seen_run_id)
					SELECT :sync, k, h, i, 'IN', now(), :run FROM unnest(:keys::text[], :hashes::text[], :sealed::text[]) AS t(k, h, i)
					ON CONFLICT (sync_id, member_key) DO UPDATE
					SET identifiers_hash = EXCLUDED.identifiers_hash, identifiers = EXCLUDED.identifiers, state = 'IN',
					    last_sent_at = now(), seen_run_id = EXCLUDED.seen_run_id""")
			.bind("sync", run.syncId())
			.bind("run", run.id())
			.bind("keys", keys)
			.bind("hashes", hashes)
			.bind("sealed", sealed)
			.fetch()
			.rowsUpdated()
			.then();
	}

	private Mono<Void> markRemoved(ClaimedRun run, List<String> removed) {
		if (removed.isEmpty()) {
			return Mono.empty();
		}
		return this.database
			.sql("UPDATE synced_members SET state = 'OUT', last_sent_at = now()"
					+ " WHERE sync_id = :sync AND member_key = ANY(:keys::text[])")
			.bind("sync", run.syncId())
			.bind("keys", removed.toArray(new String[0]))
			.fetch()
			.rowsUpdated()
			.then();
	}

	private Mono<Void> records(UUID runId, ChunkOutcome outcome) {
		List<String[]> rows = new ArrayList<>();
		collect(rows, "ADD", outcome.adds().outcomes());
		collect(rows, "REMOVE", outcome.removes().outcomes());
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		String[][] columns = new String[5][rows.size()];
		for (int i = 0; i < rows.size(); i++) {
			for (int c = 0; c < 5; c++) {
				columns[c][i] = rows.get(i)[c];
			}
		}
		return this.database.sql("""
				INSERT INTO run_records (run_id, member_key, action, outcome, code, reason)
				SELECT :run, k, a, o, NULLIF(c, ''), NULLIF(r, '')
				FROM unnest(:keys::text[], :actions::text[], :outcomes::text[], :codes::text[], :reasons::text[])
				     AS t(k, a, o, c, r)""")
			.bind("run", runId)
			.bind("keys", columns[0])
			.bind("actions", columns[1])
			.bind("outcomes", columns[2])
			.bind("codes", columns[3])
			.bind("reasons", columns[4])
			.fetch()
			.rowsUpdated()
			.then();
	}

	private static void collect(List<String[]> rows, String action, List<RecordOutcome> outcomes) {
		for (RecordOutcome outcome : outcomes) {
			switch (outcome) {
				case RecordOutcome.Accepted accepted ->
					rows.add(new String[] { accepted.key(), action, "ACCEPTED", "", accepted.note() });
				case RecordOutcome.Rejected rejected ->
					rows.add(new String[] { rejected.key(), action, "REJECTED", rejected.code(), rejected.reason() });
			}
		}
	}

}
