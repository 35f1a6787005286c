package dev.zielwerk.profile.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.profile.store.TimeOrderedUuid;

/**
 * One change of one profile, as it goes into the outbox and then the stream. The payload
 * follows the JSON Schema of its type in the schema module.
 */
public record StreamMessage(UUID id, MessageType type, UUID profileId, Instant occurredAt,
		Map<String, ? extends Object> payload) {

	public static StreamMessage of(MessageType type, UUID profileId, Instant occurredAt,
			Map<String, ? extends Object> payload) {
		return new StreamMessage(TimeOrderedUuid.next(), type, profileId, occurredAt, payload);
	}

}
