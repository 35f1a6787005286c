package dev.zielwerk.profile.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An unsent outbox row as the relay reads it; the payload stays the JSON text PostgreSQL
 * returned, so it reaches the stream without being parsed and written again.
 */
record OutboxRow(long seq, UUID id, String type, UUID profileId, Instant occurredAt, String payloadJson) {

	/**
	 * The stream message envelope
	 * (schema/src/main/resources/stream/envelope.schema.json). Only the payload needs no
	 * escaping care: ids are UUIDs, the type is a wire name and the time an ISO-8601
	 * instant in UTC, none of which contain characters JSON escapes.
	 */
	String envelope() {
		return "{\"id\":\"" + this.id + "\",\"type\":\"" + this.type + "\",\"profileId\":\"" + this.profileId
				+ "\",\"occurredAt\":\"" + this.occurredAt + "\",\"payload\":" + this.payloadJson + "}";
	}

}
