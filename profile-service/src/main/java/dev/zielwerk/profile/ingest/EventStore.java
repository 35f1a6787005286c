package dev.zielwerk.profile.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The set-based statements of ingestion: suppression look-up, messageId de-duplication
 * and the events insert. Arrays bound through {@code unnest} keep each statement at a
 * handful of bind parameters however large the batch, far from PostgreSQL's 32767 limit.
 */
@Component
final class EventStore {

	private final DatabaseClient database;

	private final JsonMapper json;

	EventStore(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	/** The given hashes that are in {@code suppressions}. */
	Mono<Set<String>> suppressed(Collection<String> hashes) {
		if (hashes.isEmpty()) {
			return Mono.just(Set.of());
		}
		return this.database.sql("SELECT identifier_hash FROM suppressions WHERE identifier_hash = ANY($1::text[])")
			.bind(0, hashes.toArray(String[]::new))
			.map((row, meta) -> row.get(0, String.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

	/**
	 * Claims the messageIds; emits those that were new. Inserted in sorted order so that
	 * concurrent batches sharing ids wait for each other instead of deadlocking.
	 */
	Mono<Set<String>> claimMessageIds(Collection<String> messageIds, Instant receivedAt) {
		if (messageIds.isEmpty()) {
			return Mono.just(Set.of());
		}
		return this.database.sql("""
				INSERT INTO ingested_messages (message_id, received_at)
				SELECT id, $2::timestamptz FROM unnest($1::text[]) AS m(id)
				ON CONFLICT (message_id) DO NOTHING
				RETURNING message_id
				""")
			.bind(0, new TreeSet<>(messageIds).toArray(String[]::new))
			.bind(1, receivedAt.toString())
			.map((row, meta) -> row.get(0, String.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

	Mono<Void> insertEvents(List<Prepared> messages, List<UUID> eventIds, List<UUID> profiles, Instant receivedAt) {
		if (messages.isEmpty()) {
			return Mono.empty();
		}
		int n = messages.size();
		List<String> names = new ArrayList<>(n);
		List<String> properties = new ArrayList<>(n);
		List<String> contexts = new ArrayList<>(n);
		List<String> kinds = new ArrayList<>(n);
		List<String> times = new ArrayList<>(n);
		List<String> messageIds = new ArrayList<>(n);
		for (Prepared prepared : messages) {
			SegmentMessage message = prepared.message();
			String name = EventPayloads.name(message);
			names.add((name != null) ? name : "");
			properties.add(this.json.writeValueAsString(EventPayloads.properties(message)));
			contexts.add(this.json.writeValueAsString(message.context()));
			kinds.add(message.kind().name());
			times.add(prepared.occurredAt().toString());
			messageIds.add(prepared.messageId());
		}
		return this.database
			.sql("""
					INSERT INTO events (id, message_id, profile_id, kind, name, properties, context, occurred_at, received_at)
					SELECT id, mid, pid, kind, nullif(name, ''), props::jsonb, ctx::jsonb, at::timestamptz, $9::timestamptz
					FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
					    $8::text[]) AS e(id, mid, pid, kind, name, props, ctx, at)
					""")
			.bind(0, eventIds.toArray(UUID[]::new))
			.bind(1, messageIds.toArray(String[]::new))
			.bind(2, profiles.toArray(UUID[]::new))
			.bind(3, kinds.toArray(String[]::new))
			.bind(4, names.toArray(String[]::new))
			.bind(5, properties.toArray(String[]::new))
			.bind(6, contexts.toArray(String[]::new))
			.bind(7, times.toArray(String[]::new))
			.bind(8, receivedAt.toString())
			.then();
	}

}
