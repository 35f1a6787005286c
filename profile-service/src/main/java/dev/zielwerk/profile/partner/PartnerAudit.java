package dev.zielwerk.profile.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Writes and reads {@code partner_audit}. The table refuses UPDATE, DELETE and TRUNCATE
 * by trigger, so the log only grows, whatever the service's code does.
 */
@Component
final class PartnerAudit {

	private final DatabaseClient database;

	private final Clock clock = Clock.systemUTC();

	PartnerAudit(DatabaseClient database) {
		this.database = database;
	}

	Mono<Void> record(String partnerId, @Nullable UUID shareId, AuditAction action, int rowCount,
			@Nullable Integer matchedCount, String actor) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				INSERT INTO partner_audit (partner_id, share_id, action, row_count, matched_count, actor, occurred_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)
				""")
			.bind(0, partnerId)
			.bind(2, action.name())
			.bind(3, rowCount)
			.bind(5, actor)
			.bind(6, this.clock.instant());
		spec = (shareId != null) ? spec.bind(1, shareId) : spec.bindNull(1, UUID.class);
		spec = (matchedCount != null) ? spec.bind(4, matchedCount) : spec.bindNull(4, Integer.class);
		return spec.then();
	}

	/** Newest first, after the entry with id {@code before} when given. */
	Flux<AuditEntry> read(@Nullable String partnerId, @Nullable UUID shareId, @Nullable Long before, int limit) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				SELECT id, partner_id, share_id, action, row_count, matched_count, actor, occurred_at
				FROM partner_audit
				WHERE ($1::text IS NULL OR partner_id = $1) AND ($2::uuid IS NULL OR share_id = $2)
				  AND ($3::bigint IS NULL OR id < $3)
				ORDER BY id DESC LIMIT $4
				""").bind(3, limit);
		spec = (partnerId != null) ? spec.bind(0, partnerId) : spec.bindNull(0, String.class);
		spec = (shareId != null) ? spec.bind(1, shareId) : spec.bindNull(1, UUID.class);
		spec = (before != null) ? spec.bind(2, before) : spec.bindNull(2, Long.class);
		return spec
			.map((row, meta) -> new AuditEntry(row.get("id", Long.class), row.get("partner_id", String.class),
					row.get("share_id", UUID.class), AuditAction.valueOf(row.get("action", String.class)),
					row.get("row_count", Integer.class), row.get("matched_count", Integer.class),
					row.get("actor", String.class), row.get("occurred_at", Instant.class)))
			.all();
	}

}
