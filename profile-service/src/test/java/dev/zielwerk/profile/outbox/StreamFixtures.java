package dev.zielwerk.profile.outbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.profile.store.TimeOrderedUuid;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/** Messages that follow the stream schemas, and readers of the outbox and the stream. */
final class StreamFixtures {

	private StreamFixtures() {
	}

	/** A schema-valid message of every type for the profile, in a realistic order. */
	static List<StreamMessage> changesOf(UUID profile, int round) {
		Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("eventId", TimeOrderedUuid.next().toString());
		event.put("messageId", "msg-" + profile + "-" + round);
		event.put("kind", "TRACK");
		event.put("name", "Product Viewed");
		event.put("properties", Map.of("sku", "SKU-" + round, "price", 19.99));
		Map<String, Object> traits = new LinkedHashMap<>();
		traits.put("traits", Map.of("demographic", Map.of("firstName", "Ada"), "geo", Map.of("country", "DE")));
		traits.put("source", "segment");
		traits.put("party", "FIRST");
		Map<String, Object> consent = new LinkedHashMap<>();
		consent.put("purpose", "EMAIL_MARKETING");
		consent.put("status", (round % 2 == 0) ? "GRANTED" : "WITHDRAWN");
		consent.put("source", "CMP");
		consent.put("expiresAt", null);
		Map<String, Object> merge = Map.of("mergedId", TimeOrderedUuid.next().toString(), "identityType", "USER_ID");
		return List.of(StreamMessage.of(MessageType.EVENT, profile, at, event),
				StreamMessage.of(MessageType.TRAITS, profile, at, traits),
				StreamMessage.of(MessageType.CONSENT, profile, at, consent),
				StreamMessage.of(MessageType.MERGE, profile, at.plus(Duration.ofMillis(1)), merge));
	}

	/** {@code count} messages spread over {@code profiles} profiles. */
	static List<StreamMessage> manyChanges(int profiles, int rounds) {
		List<UUID> ids = new ArrayList<>();
		for (int i = 0; i < profiles; i++) {
			ids.add(TimeOrderedUuid.next());
		}
		List<StreamMessage> messages = new ArrayList<>();
		for (int round = 0; round < rounds; round++) {
			for (UUID id : ids) {
				messages.addAll(changesOf(id, round));
			}
		}
		return messages;
	}

	/** The outbox rows in {@code seq} order. */
	static List<SentRow> outbox(DatabaseClient database) {
		return database.sql("SELECT id, type, profile_id, stream_id FROM outbox ORDER BY seq")
			.map((row, meta) -> new SentRow(row.get("id", UUID.class), row.get("type", String.class),
					row.get("profile_id", UUID.class), row.get("stream_id", String.class)))
			.all()
			.collectList()
			.block(Duration.ofSeconds(10));
	}

	/** The whole stream, oldest entry first. */
	static List<MapRecord<String, Object, Object>> stream(ReactiveStringRedisTemplate redis, StreamKeys keys) {
		return redis.opsForStream().range(keys.stream(), Range.unbounded()).collectList().block(Duration.ofSeconds(10));
	}

	/** An outbox row as the tests compare it with the stream. */
	record SentRow(UUID id, String type, UUID profileId, String streamId) {
	}

}
