package dev.zielwerk.profile.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Posting Segment-spec JSON and reading the tables back, for the ingestion tests. */
final class IngestionSupport {

	static final String WRITE_KEY = "test-write-key";

	private final WebTestClient client;

	private final DatabaseClient database;

	private final JsonMapper json = JsonMapper.builder().build();

	IngestionSupport(WebTestClient client, DatabaseClient database) {
		this.client = client;
		this.database = database;
	}

	WebTestClient.ResponseSpec post(String path, String body) {
		return this.client.post()
			.uri(path)
			.header(HttpHeaders.AUTHORIZATION, basic(WRITE_KEY))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8));
	}

	long count(String sql, Object... args) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(sql);
		for (int i = 0; i < args.length; i++) {
			spec = spec.bind(i, args[i]);
		}
		Long n = spec.map((row, meta) -> row.get(0, Long.class)).one().block();
		return Objects.requireNonNull(n);
	}

	List<Map<String, Object>> rows(String sql, Object... args) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(sql);
		for (int i = 0; i < args.length; i++) {
			spec = spec.bind(i, args[i]);
		}
		List<Map<String, Object>> rows = spec.fetch().all().collectList().block();
		return Objects.requireNonNull(rows);
	}

	UUID profileOf(String type, String value) {
		return Objects
			.requireNonNull(this.database.sql("SELECT profile_id FROM identities WHERE type = $1 AND value = $2")
				.bind(0, type)
				.bind(1, value)
				.map((row, meta) -> row.get(0, UUID.class))
				.one()
				.block());
	}

	/** Every outbox row as the stream envelope the relay will publish. */
	List<String> outboxEnvelopes() {
		return this.database
			.sql("SELECT id, type, profile_id, occurred_at, payload::text AS payload FROM outbox ORDER BY seq")
			.map((row, meta) -> {
				Map<String, Object> envelope = new LinkedHashMap<>();
				envelope.put("id", String.valueOf(row.get("id", UUID.class)));
				envelope.put("type", row.get("type", String.class));
				envelope.put("profileId", String.valueOf(row.get("profile_id", UUID.class)));
				envelope.put("occurredAt", String.valueOf(row.get("occurred_at", Instant.class)));
				envelope.put("payload", this.json.readTree(Objects.requireNonNull(row.get("payload", String.class))));
				return this.json.writeValueAsString(envelope);
			})
			.all()
			.collectList()
			.block();
	}

}
