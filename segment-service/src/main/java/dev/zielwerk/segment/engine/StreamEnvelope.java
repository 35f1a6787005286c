package dev.zielwerk.segment.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * One profile stream message (schema/src/main/resources/stream/envelope.schema.json).
 *
 * @param id the de-duplication key
 * @param type event, traits, consent, merge or erase
 * @param profileId the profile
 * @param occurredAt when it happened
 * @param payload the typed payload
 */
record StreamEnvelope(UUID id, String type, UUID profileId, Instant occurredAt, JsonNode payload) {

	static StreamEnvelope parse(String text) {
		JsonNode node = StateJson.read(text);
		return new StreamEnvelope(UUID.fromString(node.required("id").asString()), node.required("type").asString(),
				UUID.fromString(node.required("profileId").asString()),
				OffsetDateTime.parse(node.required("occurredAt").asString()).toInstant(), node.required("payload"));
	}

}
