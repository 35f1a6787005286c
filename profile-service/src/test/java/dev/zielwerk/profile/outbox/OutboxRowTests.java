package dev.zielwerk.profile.outbox;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRowTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void envelopeIsTheSchemaShapeWithThePayloadTextEmbeddedUnchanged() {
		UUID id = UUID.fromString("0193a1b2-c3d4-7e5f-8a6b-000000000001");
		UUID profile = UUID.fromString("0193a1b2-c3d4-7e5f-8a6b-000000000002");
		String payload = "{\"purpose\": \"ANALYTICS\", \"status\": \"GRANTED\", \"source\": \"CMP\", "
				+ "\"note\": \"quote \\\" and \\u00e9\"}";
		OutboxRow row = new OutboxRow(7, id, "consent", profile, Instant.parse("2026-11-22T10:00:00.123456Z"), payload);

		JsonNode envelope = this.json.readTree(row.envelope());

		assertThat(envelope.propertyNames()).containsExactly("id", "type", "profileId", "occurredAt", "payload");
		assertThat(envelope.get("id").asString()).isEqualTo(id.toString());
		assertThat(envelope.get("type").asString()).isEqualTo("consent");
		assertThat(envelope.get("profileId").asString()).isEqualTo(profile.toString());
		assertThat(envelope.get("occurredAt").asString()).isEqualTo("2026-11-22T10:00:00.123456Z");
		assertThat(envelope.get("payload")).isEqualTo(this.json.readTree(payload));
		assertThat(envelope.get("payload").get("note").asString()).isEqualTo("quote \" and é");
	}

	@Test
	void occurredAtIsUtcEvenForWholeSeconds() {
		OutboxRow row = new OutboxRow(1, UUID.randomUUID(), "erase", UUID.randomUUID(),
				Instant.parse("2026-11-22T10:00:00Z"), "{}");
		assertThat(this.json.readTree(row.envelope()).get("occurredAt").asString()).isEqualTo("2026-11-22T10:00:00Z");
	}

}
