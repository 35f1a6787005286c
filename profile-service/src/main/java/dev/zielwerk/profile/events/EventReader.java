package dev.zielwerk.profile.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.profile.paging.Cursors;
import dev.zielwerk.profile.paging.Page;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Pages of events for many profiles in ONE statement: a LATERAL subquery per profile id
 * (from {@code unnest}) walks {@code events_profile_time} newest first and stops after
 * one page, so the cost is one index range scan per profile and one round trip in total.
 * Order is occurredAt descending, then id ascending, which is the index order.
 */
@Component
public final class EventReader {

	private final DatabaseClient database;

	private final JsonMapper json;

	EventReader(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	public Mono<Map<UUID, Page<ProfileEvent>>> pages(List<UUID> profileIds, EventQuery query) {
		if (profileIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<Object> params = new ArrayList<>();
		params.add(profileIds.toArray(UUID[]::new));
		StringBuilder where = new StringBuilder("e.profile_id = p.id");
		if (query.kinds() != null) {
			params.add(query.kinds().toArray(String[]::new));
			where.append(" AND e.kind = ANY($").append(params.size()).append(")");
		}
		if (query.names() != null) {
			params.add(query.names().toArray(String[]::new));
			where.append(" AND e.name = ANY($").append(params.size()).append(")");
		}
		if (query.from() != null) {
			params.add(query.from());
			where.append(" AND e.occurred_at >= $").append(params.size());
		}
		if (query.to() != null) {
			params.add(query.to());
			where.append(" AND e.occurred_at < $").append(params.size());
		}
		if (query.after() != null) {
			params.add(query.after().time());
			params.add(query.after().id());
			int time = params.size() - 1;
			where.append(" AND (e.occurred_at < $")
				.append(time)
				.append(" OR (e.occurred_at = $")
				.append(time)
				.append(" AND e.id > $")
				.append(time + 1)
				.append("))");
		}
		params.add(query.first() + 1);
		String sql = """
				SELECT p.id AS owner, e.id, e.message_id, e.kind, e.name, e.properties, e.context,
				       e.occurred_at, e.received_at
				FROM unnest($1::uuid[]) AS p(id)
				CROSS JOIN LATERAL (
				    SELECT * FROM events e WHERE %s
				    ORDER BY e.occurred_at DESC, e.id ASC
				    LIMIT $%d) e
				ORDER BY p.id, e.occurred_at DESC, e.id ASC
				""".formatted(where, params.size());
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(sql);
		for (int i = 0; i < params.size(); i++) {
			spec = spec.bind(i, params.get(i));
		}
		return spec.map((row, meta) -> Map.entry(row.get("owner", UUID.class), event(row)))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map((found) -> {
				Map<UUID, Page<ProfileEvent>> pages = new HashMap<>();
				for (UUID id : profileIds) {
					List<ProfileEvent> events = new ArrayList<>(found.getOrDefault(id, List.of()));
					pages.put(id, Page.of(events, query.first(), (event) -> Cursors.of(event.occurredAt(), event.id()),
							null));
				}
				return pages;
			});
	}

	/** One event by its id; empty when unknown. */
	public Mono<ProfileEvent> findById(UUID id) {
		return this.database.sql("""
				SELECT id, message_id, kind, name, properties, context, occurred_at, received_at
				FROM events WHERE id = $1
				""").bind(0, id).map((row, meta) -> event(row)).one();
	}

	private ProfileEvent event(Readable row) {
		return new ProfileEvent(row.get("id", UUID.class), row.get("message_id", String.class),
				row.get("kind", String.class), row.get("name", String.class), jsonValue(row, "properties"),
				jsonValue(row, "context"), row.get("occurred_at", Instant.class),
				row.get("received_at", Instant.class));
	}

	private Object jsonValue(Readable row, String column) {
		Json value = row.get(column, Json.class);
		return (value != null) ? this.json.readValue(value.asString(), Object.class) : Map.of();
	}

}
