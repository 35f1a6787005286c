package dev.zielwerk.profile.erasure;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.error.NotFoundException;
import dev.zielwerk.profile.identity.Identifier;
import dev.zielwerk.profile.identity.IdentityType;
import dev.zielwerk.profile.outbox.MessageType;
import dev.zielwerk.profile.outbox.Outbox;
import dev.zielwerk.profile.outbox.StreamMessage;
import dev.zielwerk.profile.store.TimeOrderedUuid;
import io.r2dbc.postgresql.codec.Json;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Erases a person in one transaction: the profile (the survivor when a merged-away id is
 * given) and every profile merged into it. Identifiers become suppression hashes, outbox
 * rows of those ids and the profile rows are deleted (the foreign keys cascade to traits,
 * identities, events, consent, merges and conflicts), an audit row with counts only is
 * written and an {@code erase} message appended. Already relayed stream entries are
 * deleted after commit (see {@link #erase}).
 */
@Component
public final class ProfileErasure {

	private static final List<String> TABLES = List.of("identities", "traits", "events", "consents", "consent_history",
			"merges", "identity_conflicts");

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final Outbox outbox;

	private final StreamEntryDeletion stream;

	private final JsonMapper json;

	private final Clock clock = Clock.systemUTC();

	ProfileErasure(DatabaseClient database, TransactionalOperator transactions, Outbox outbox,
			StreamEntryDeletion stream, JsonMapper json) {
		this.database = database;
		this.transactions = transactions;
		this.outbox = outbox;
		this.stream = stream;
		this.json = json;
	}

	/**
	 * Erases the person; fails with {@link NotFoundException} for an unknown or already
	 * erased id. Stream entries are deleted only after the commit: Redis takes no part in
	 * the PostgreSQL transaction, and deleting them before would lose history of a person
	 * who is still there if the transaction then rolled back. The price is a short window
	 * in which the entries outlive the rows; the {@code erase} message covers it for
	 * consumers. An outbox row the relay is appending at this very moment gets its stream
	 * id only after this transaction deleted it, so that one entry stays in the stream;
	 * the {@code erase} message that follows it tells consumers to drop everything about
	 * the person.
	 */
	public Mono<ErasureReceipt> erase(UUID profileId, String requestedBy, @Nullable String reason) {
		return Mono.defer(() -> {
			if (requestedBy.isBlank()) {
				return Mono.error(new InvalidInputException("requestedBy", "must name who asked for the erasure"));
			}
			Instant erasedAt = this.clock.instant();
			return this.transactions
				.transactional(
						lockFamily(profileId).flatMap((family) -> eraseAll(family, requestedBy, reason, erasedAt)))
				.flatMap((erased) -> this.stream.delete(erased.streamIds())
					.map(erased.receipt()::withStreamEntriesDeleted));
		});
	}

	/** The root profile first, then everything merged into it, locked. */
	private Mono<List<UUID>> lockFamily(UUID profileId) {
		return this.database
			.sql("""
					WITH RECURSIVE up(id, next, depth) AS (
					    SELECT id, merged_into, 0 FROM profiles WHERE id = $1
					    UNION ALL
					    SELECT p.id, p.merged_into, u.depth + 1 FROM profiles p JOIN up u ON p.id = u.next WHERE u.depth < 1000
					), down(id, depth) AS (
					    SELECT id, 0 FROM up WHERE next IS NULL
					    UNION ALL
					    SELECT p.id, d.depth + 1 FROM profiles p JOIN down d ON p.merged_into = d.id WHERE d.depth < 1000
					)
					SELECT p.id FROM profiles p JOIN down d ON d.id = p.id ORDER BY d.depth, p.id FOR UPDATE OF p
					""")
			.bind(0, profileId)
			.map((row, meta) -> Objects.requireNonNull(row.get("id", UUID.class)))
			.all()
			.collectList()
			.filter((family) -> !family.isEmpty())
			.switchIfEmpty(Mono.error(() -> new NotFoundException("No profile " + profileId)));
	}

	private Mono<Erased> eraseAll(List<UUID> family, String requestedBy, @Nullable String reason, Instant erasedAt) {
		UUID[] ids = family.toArray(UUID[]::new);
		return suppress(ids, erasedAt).flatMap((suppressed) -> count(ids)
			.flatMap((deleted) -> this.database.sql("DELETE FROM outbox WHERE profile_id = ANY($1) RETURNING stream_id")
				.bind(0, ids)
				.map((row, meta) -> Objects.requireNonNullElse(row.get("stream_id", String.class), ""))
				.all()
				.collectList()
				.flatMap((streamIds) -> {
					deleted.put("outbox", (long) streamIds.size());
					List<String> relayed = streamIds.stream().filter((id) -> !id.isEmpty()).toList();
					ErasureReceipt receipt = new ErasureReceipt(family.getFirst(), erasedAt, deleted, suppressed, 0);
					return this.database.sql("DELETE FROM profiles WHERE id = ANY($1)")
						.bind(0, ids)
						.then()
						.then(audit(receipt, requestedBy, reason))
						.then(this.outbox.append(eraseMessage(family, erasedAt)))
						.thenReturn(new Erased(receipt, relayed));
				})));
	}

	private Mono<Integer> suppress(UUID[] ids, Instant at) {
		return this.database.sql("SELECT type, value FROM identities WHERE profile_id = ANY($1)")
			.bind(0, ids)
			.map((row, meta) -> new String[] { row.get("type", String.class), row.get("value", String.class) })
			.all()
			.collectList()
			.flatMap((identities) -> {
				if (identities.isEmpty()) {
					return Mono.just(0);
				}
				String[] hashes = identities.stream()
					.map((i) -> new Identifier(IdentityType.valueOf(i[0]), i[1]).suppressionHash())
					.toArray(String[]::new);
				String[] types = identities.stream().map((i) -> i[0]).toArray(String[]::new);
				return this.database.sql("""
						INSERT INTO suppressions (identifier_hash, identity_type, created_at)
						SELECT hash, type, $3 FROM unnest($1::text[], $2::text[]) AS s(hash, type)
						ON CONFLICT (identifier_hash) DO NOTHING
						""").bind(0, hashes).bind(1, types).bind(2, at).then().thenReturn(identities.size());
			});
	}

	/**
	 * Rows per table that the deletion of the profiles removes (directly or by cascade).
	 */
	private Mono<Map<String, Long>> count(UUID[] ids) {
		StringBuilder sql = new StringBuilder("SELECT cardinality($1::uuid[])::bigint AS profiles");
		for (String table : TABLES) {
			String condition = switch (table) {
				case "merges" -> "survivor_id = ANY($1) OR merged_id = ANY($1)";
				case "identity_conflicts" -> "profile_id = ANY($1) OR other_profile_id = ANY($1)";
				default -> "profile_id = ANY($1)";
			};
			sql.append(", (SELECT count(*) FROM ")
				.append(table)
				.append(" WHERE ")
				.append(condition)
				.append(") AS ")
				.append(table);
		}
		return this.database.sql(sql.toString()).bind(0, ids).map((row, meta) -> {
			Map<String, Long> counts = new LinkedHashMap<>();
			counts.put("profiles", row.get("profiles", Long.class));
			TABLES.forEach((table) -> counts.put(table, row.get(table, Long.class)));
			return counts;
		}).one();
	}

	private Mono<Void> audit(ErasureReceipt receipt, String requestedBy, @Nullable String reason) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				INSERT INTO erasure_audit (id, profile_id, requested_by, reason, erased_at, deleted)
				VALUES ($1, $2, $3, $4, $5, $6)
				""")
			.bind(0, TimeOrderedUuid.next())
			.bind(1, receipt.profileId())
			.bind(2, requestedBy)
			.bind(4, receipt.erasedAt())
			.bind(5, Json.of(this.json.writeValueAsString(receipt.deleted())));
		spec = (reason != null) ? spec.bind(3, reason) : spec.bindNull(3, String.class);
		return spec.then();
	}

	private static StreamMessage eraseMessage(List<UUID> family, Instant erasedAt) {
		List<String> mergedIds = new ArrayList<>();
		family.subList(1, family.size()).forEach((id) -> mergedIds.add(id.toString()));
		return StreamMessage.of(MessageType.ERASE, family.getFirst(), erasedAt, Map.of("mergedIds", mergedIds));
	}

	private record Erased(ErasureReceipt receipt, List<String> streamIds) {
	}

}
