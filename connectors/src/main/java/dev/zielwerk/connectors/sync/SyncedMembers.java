package dev.zielwerk.connectors.sync;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Reads what each destination has ({@code synced_members}), the diff base of a run.
 * Writes happen in {@link ChunkLedger}, with the checkpoint.
 */
final class SyncedMembers {

	private final DatabaseClient database;

	SyncedMembers(DatabaseClient database) {
		this.database = database;
	}

	Mono<Map<String, SyncedState>> states(UUID syncId, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database
			.sql("SELECT member_key, identifiers_hash, state, identifiers FROM synced_members"
					+ " WHERE sync_id = :sync AND member_key = ANY(:keys::text[])")
			.bind("sync", syncId)
			.bind("keys", keys.toArray(new String[0]))
			.map(SyncedMembers::state)
			.all()
			.collectMap(SyncedState::key, Function.identity());
	}

	/**
	 * Members in the destination audience that the running full run did not see in the
	 * audience, after a key.
	 */
	Mono<List<SyncedState>> leavers(UUID syncId, UUID runId, String after, int limit) {
		return this.database.sql("""
				SELECT member_key, identifiers_hash, state, identifiers FROM synced_members
				WHERE sync_id = :sync AND state = 'IN' AND seen_run_id IS DISTINCT FROM :run AND member_key > :after
				ORDER BY member_key LIMIT :limit""")
			.bind("sync", syncId)
			.bind("run", runId)
			.bind("after", after)
			.bind("limit", limit)
			.map(SyncedMembers::state)
			.all()
			.collectList();
	}

	/**
	 * Every sync that ever sent a member, with what it sent, for erasure.
	 */
	Mono<List<Held>> heldBy(Collection<String> keys) {
		return this.database
			.sql("SELECT m.sync_id, s.destination_id, m.member_key, m.identifiers_hash, m.state, m.identifiers"
					+ " FROM synced_members m JOIN audience_syncs s ON s.id = m.sync_id"
					+ " WHERE m.member_key = ANY(:keys::text[])")
			.bind("keys", keys.toArray(new String[0]))
			.map((row) -> new Held(row.get("sync_id", UUID.class), row.get("destination_id", UUID.class), state(row)))
			.all()
			.collectList();
	}

	/**
	 * The syncs whose destination serves a purpose and has a profile in its audience, or
	 * may be about to: a running run may be sending the profile on consent it read before
	 * the withdrawal, and commits before a run queued now can start.
	 */
	Flux<UUID> syncsHolding(String memberKey, String purpose) {
		return this.database.sql("""
				SELECT s.id FROM audience_syncs s JOIN destinations d ON d.id = s.destination_id
				WHERE d.purpose = :purpose
				  AND (EXISTS (SELECT 1 FROM synced_members m
				               WHERE m.sync_id = s.id AND m.member_key = :key AND m.state = 'IN')
				    OR EXISTS (SELECT 1 FROM sync_runs r WHERE r.sync_id = s.id AND r.status = 'RUNNING'))""")
			.bind("key", memberKey)
			.bind("purpose", purpose)
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	/**
	 * Takes a profile out of every CMS audience at once (the decide endpoint answers from
	 * these rows), before the removal run that follows.
	 * @return how many audiences it left
	 */
	Mono<Long> leaveCms(String memberKey) {
		return this.database
			.sql("UPDATE synced_members m SET state = 'OUT', last_sent_at = now()"
					+ " FROM audience_syncs s JOIN destinations d ON d.id = s.destination_id"
					+ " WHERE m.sync_id = s.id AND d.type = 'CMS' AND m.member_key = :key AND m.state = 'IN'")
			.bind("key", memberKey)
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Removes every trace of erased profiles from run bookkeeping: their records (sent,
	 * rejected with reasons) and the scopes of waiting runs. Run counts stay; they are
	 * not about anyone.
	 * @return how many rows were deleted
	 */
	Mono<Long> forgetRuns(Collection<String> keys) {
		String[] array = keys.toArray(new String[0]);
		return this.database.sql("DELETE FROM run_records WHERE member_key = ANY(:keys::text[])")
			.bind("keys", array)
			.fetch()
			.rowsUpdated()
			.zipWith(this.database.sql("DELETE FROM run_scope WHERE member_key = ANY(:keys::text[])")
				.bind("keys", array)
				.fetch()
				.rowsUpdated(), Long::sum);
	}

	Mono<Long> forget(UUID syncId, Collection<String> keys) {
		return this.database.sql("DELETE FROM synced_members WHERE sync_id = :sync AND member_key = ANY(:keys::text[])")
			.bind("sync", syncId)
			.bind("keys", keys.toArray(new String[0]))
			.fetch()
			.rowsUpdated();
	}

	private static SyncedState state(Readable row) {
		return new SyncedState(row.get("member_key", String.class), row.get("identifiers_hash", String.class),
				"IN".equals(row.get("state", String.class)), row.get("identifiers", String.class));
	}

	/**
	 * A member as one sync's destination holds it.
	 *
	 * @param syncId the sync
	 * @param destinationId its destination
	 * @param state what was sent
	 */
	record Held(UUID syncId, UUID destinationId, SyncedState state) {

	}

}
