package dev.zielwerk.profile.ingest;

import java.time.Instant;
import java.util.List;

import dev.zielwerk.profile.identity.Claim;

/** A valid message with what ingestion derived from it before the transaction. */
record Prepared(int index, SegmentMessage message, String messageId, Instant occurredAt,
		List<Claim> claims) implements MessageValidator.Validated {
}
