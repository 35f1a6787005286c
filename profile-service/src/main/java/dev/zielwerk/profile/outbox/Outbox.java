package dev.zielwerk.profile.outbox;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes stream messages as outbox rows. Callers run it inside the transaction of the
 * change the message describes, so a change and its message commit together or not at
 * all.
 */
@Component
public final class Outbox {

	private final DatabaseClient database;

	private final JsonMapper json;

	Outbox(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	public Mono<Void> append(StreamMessage message) {
		return appendAll(List.of(message));
	}

	/**
	 * Appends the messages in list order (the relay keeps that order per profile). The
	 * rows go in as arrays through {@code unnest}: five bind parameters however many
	 * messages, so large batches neither hit PostgreSQL's bind-parameter limit nor pay
	 * for binding thousands of parameters one by one.
	 */
	public Mono<Void> appendAll(List<StreamMessage> messages) {
		if (messages.isEmpty()) {
			return Mono.empty();
		}
		int n = messages.size();
		UUID[] ids = new UUID[n];
		String[] types = new String[n];
		UUID[] profiles = new UUID[n];
		String[] times = new String[n];
		String[] payloads = new String[n];
		for (int i = 0; i < n; i++) {
			StreamMessage message = messages.get(i);
			ids[i] = message.id();
			types[i] = message.type().wireName();
			profiles[i] = message.profileId();
			times[i] = message.occurredAt().toString();
			payloads[i] = this.json.writeValueAsString(message.payload());
		}
		return this.database.sql("""
				INSERT INTO outbox (id, type, profile_id, occurred_at, payload)
				SELECT id, type, profile_id, occurred_at::timestamptz, payload::jsonb
				FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[])
				    WITH ORDINALITY AS m(id, type, profile_id, occurred_at, payload, position)
				ORDER BY position
				""").bind(0, ids).bind(1, types).bind(2, profiles).bind(3, times).bind(4, payloads).then();
	}

}
