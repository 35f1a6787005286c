package dev.zielwerk.profile.partner;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One row of the append-only partner audit log: counts, never identifiers or values. */
public record AuditEntry(long id, String partnerId, @Nullable UUID shareId, AuditAction action, int rowCount,
		@Nullable Integer matchedCount, String actor, Instant occurredAt) {
}
