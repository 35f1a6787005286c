package dev.zielwerk.profile.outbox;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The relay's own PostgreSQL session. It holds the advisory lock that makes one relay
 * active, listens for outbox notifications, and does all of the relay's reads and writes:
 * marking rows sent on the session that holds the lock means a relay that lost its lock
 * (its session ended) can no longer mark anything, so the next active relay finds those
 * rows unsent and the de-duplication keys still in Redis.
 */
final class RelayConnection {

	/** Channel the outbox trigger (V30) notifies on every insert statement. */
	static final String CHANNEL = "zielwerk_outbox";

	/** Advisory lock key of the relay: the first 8 bytes of "zw-relay" read as a long. */
	static final long LOCK_KEY = 0x7A772D72656C6179L;

	private final Connection connection;

	RelayConnection(Connection connection) {
		this.connection = connection;
	}

	/** Takes the relay lock if no other session holds it; emits whether it did. */
	Mono<Boolean> tryLock() {
		return Flux.from(this.connection.createStatement("SELECT pg_try_advisory_lock($1)").bind(0, LOCK_KEY).execute())
			.flatMap((result) -> result.map((row) -> Boolean.TRUE.equals(row.get(0, Boolean.class))))
			.next()
			.defaultIfEmpty(false);
	}

	/**
	 * Listens on the outbox channel; emits one item per notification. Never emits when
	 * the driver is not r2dbc-postgresql's, in which case polling alone drives the relay.
	 */
	Flux<Notification> listen() {
		if (!(this.connection instanceof PostgresqlConnection postgres)) {
			return Flux.never();
		}
		return Flux.from(postgres.createStatement("LISTEN " + CHANNEL).execute())
			.flatMap(Result::getRowsUpdated)
			.thenMany(postgres.getNotifications());
	}

	/** The oldest unsent rows, in {@code seq} order. */
	Flux<OutboxRow> unsent(int limit) {
		return Flux
			.from(this.connection
				.createStatement(
						"""
								SELECT seq, id, type, profile_id, (extract(epoch FROM occurred_at) * 1000000)::bigint AS occurred_micros,
								    payload::text AS payload
								FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1
								""")
				.bind(0, limit)
				.execute())
			.flatMap((result) -> result.map(RelayConnection::row));
	}

	/** Marks the rows sent with their stream entry ids. */
	Mono<Long> markSent(List<OutboxRow> rows, List<String> streamIds) {
		Long[] seqs = rows.stream().map(OutboxRow::seq).toArray(Long[]::new);
		String[] ids = streamIds.toArray(String[]::new);
		return Flux.from(this.connection.createStatement("""
				UPDATE outbox AS o SET sent_at = now(), stream_id = s.stream_id
				FROM unnest($1::bigint[], $2::text[]) AS s (seq, stream_id)
				WHERE o.seq = s.seq AND o.sent_at IS NULL
				""").bind(0, seqs).bind(1, ids).execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
	}

	/**
	 * Deletes up to {@code limit} sent rows older than the cutoff, oldest first; emits
	 * how many it deleted. Walks the primary key from the start because old sent rows are
	 * the lowest {@code seq}s, so no extra index on {@code sent_at} is needed.
	 */
	Mono<Long> deleteSentBefore(Instant cutoff, int limit) {
		return Flux.from(this.connection.createStatement("""
				DELETE FROM outbox WHERE seq IN (
				  SELECT seq FROM outbox WHERE sent_at < $1 ORDER BY seq LIMIT $2)
				""").bind(0, cutoff).bind(1, limit).execute()).flatMap(Result::getRowsUpdated).reduce(0L, Long::sum);
	}

	Mono<Void> close() {
		return Mono.from(this.connection.close());
	}

	/**
	 * Times are read as epoch microseconds (exact: PostgreSQL keeps microseconds and,
	 * from 14 on, extracts a numeric) because decoding timestamptz text cost the relay
	 * more CPU than the rest of reading a row.
	 */
	static Instant instantOfMicros(long micros) {
		return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
	}

	private static OutboxRow row(Readable row) {
		Long seq = row.get("seq", Long.class);
		UUID id = row.get("id", UUID.class);
		String type = row.get("type", String.class);
		UUID profileId = row.get("profile_id", UUID.class);
		Long micros = row.get("occurred_micros", Long.class);
		String payload = row.get("payload", String.class);
		if (seq == null || id == null || type == null || profileId == null || micros == null || payload == null) {
			throw new IllegalStateException("Outbox row with a null in a not-null column");
		}
		return new OutboxRow(seq, id, type, profileId, instantOfMicros(micros), payload);
	}

}
