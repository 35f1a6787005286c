package dev.zielwerk.segment.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.segment.store.RedisKeys;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Writes messages into the profile stream with XADD, in the exact envelope format of
 * schema/src/main/resources/stream (field {@code message}).
 */
final class StreamMessages {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeys keys;

	StreamMessages(ReactiveStringRedisTemplate redis, RedisKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	UUID event(UUID profile, @Nullable String name, Instant at, Map<String, Object> properties) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("eventId", UUID.randomUUID().toString());
		payload.put("messageId", "m-" + UUID.randomUUID());
		payload.put("kind", (name != null) ? "TRACK" : "IDENTIFY");
		payload.put("name", name);
		payload.put("properties", properties);
		return send("event", profile, at, payload);
	}

	UUID traits(UUID profile, Instant at, String group, String name, @Nullable Object value) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put(name, value);
		return send("traits", profile, at, Map.of("traits", Map.of(group, values), "source", "test", "party", "FIRST"));
	}

	UUID consent(UUID profile, Instant at, String purpose, String status, @Nullable Instant expiresAt) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("purpose", purpose);
		payload.put("status", status);
		payload.put("source", "API");
		payload.put("expiresAt", (expiresAt != null) ? expiresAt.toString() : null);
		return send("consent", profile, at, payload);
	}

	UUID merge(UUID survivor, UUID merged, Instant at) {
		return send("merge", survivor, at, Map.of("mergedId", merged.toString(), "identityType", "EMAIL"));
	}

	UUID erase(UUID profile, Instant at, List<UUID> mergedIds) {
		return send("erase", profile, at, Map.of("mergedIds", mergedIds.stream().map(UUID::toString).toList()));
	}

	UUID send(String type, UUID profile, Instant at, Map<String, ?> payload) {
		UUID id = UUID.randomUUID();
		sendWithId(id, type, profile, at, payload);
		return id;
	}

	/** An event appended without waiting for the reply (for a paced load). */
	Mono<RecordId> eventLater(UUID profile, String name, Instant at, Map<String, Object> properties) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("eventId", UUID.randomUUID().toString());
		payload.put("messageId", "m-" + UUID.randomUUID());
		payload.put("kind", "TRACK");
		payload.put("name", name);
		payload.put("properties", properties);
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("id", UUID.randomUUID().toString());
		envelope.put("type", "event");
		envelope.put("profileId", profile.toString());
		envelope.put("occurredAt", at.toString());
		envelope.put("payload", payload);
		return this.redis.opsForStream()
			.add(this.keys.profileStream(), Map.of("message", JSON.writeValueAsString(envelope)));
	}

	void sendWithId(UUID id, String type, UUID profile, Instant at, Map<String, ?> payload) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("id", id.toString());
		envelope.put("type", type);
		envelope.put("profileId", profile.toString());
		envelope.put("occurredAt", at.toString());
		envelope.put("payload", payload);
		this.redis.opsForStream()
			.add(this.keys.profileStream(), Map.of("message", JSON.writeValueAsString(envelope)))
			.block();
	}

}
