package dev.zielwerk.profile.outbox;

import java.util.List;

import io.r2dbc.postgresql.codec.Json;
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

	/** Appends the messages in list order (the relay keeps that order per profile). */
	public Mono<Void> appendAll(List<StreamMessage> messages) {
		if (messages.isEmpty()) {
			return Mono.empty();
		}
		StringBuilder sql = new StringBuilder(
				"INSERT INTO outbox (id, type, profile_id, occurred_at, payload) VALUES ");
		for (int i = 0; i < messages.size(); i++) {
			sql.append(i == 0 ? "" : ", ")
				.append("($")
				.append(5 * i + 1)
				.append(", $")
				.append(5 * i + 2)
				.append(", $")
				.append(5 * i + 3)
				.append(", $")
				.append(5 * i + 4)
				.append(", $")
				.append(5 * i + 5)
				.append(")");
		}
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(sql.toString());
		for (int i = 0; i < messages.size(); i++) {
			StreamMessage message = messages.get(i);
			spec = spec.bind(5 * i, message.id())
				.bind(5 * i + 1, message.type().wireName())
				.bind(5 * i + 2, message.profileId())
				.bind(5 * i + 3, message.occurredAt())
				.bind(5 * i + 4, Json.of(this.json.writeValueAsString(message.payload())));
		}
		return spec.then();
	}

}
