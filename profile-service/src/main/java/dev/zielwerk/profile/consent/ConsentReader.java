package dev.zielwerk.profile.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads current consent and consent history for many profiles in one statement each.
 * Whether a consent is effective is computed when read, so an expiry takes effect at its
 * instant without any job rewriting rows.
 */
@Component
public final class ConsentReader {

	private final DatabaseClient database;

	private final Clock clock;

	ConsentReader(DatabaseClient database) {
		this.database = database;
		this.clock = Clock.systemUTC();
	}

	/** Current consent per profile, one entry per purpose ever set, in purpose order. */
	public Mono<Map<UUID, List<CurrentConsent>>> current(List<UUID> ids) {
		Instant now = this.clock.instant();
		return this.database.sql("""
				SELECT profile_id, purpose, status, source, occurred_at, expires_at FROM consents
				WHERE profile_id = ANY($1) ORDER BY profile_id, purpose
				""").bind(0, ids.toArray(UUID[]::new)).map((row, meta) -> {
			ConsentDecision decision = new ConsentDecision(row.get("profile_id", UUID.class),
					ConsentPurpose.valueOf(row.get("purpose", String.class)),
					ConsentStatus.valueOf(row.get("status", String.class)),
					ConsentSource.valueOf(row.get("source", String.class)), row.get("occurred_at", Instant.class),
					row.get("expires_at", Instant.class));
			return Map.entry(decision.profileId(), new CurrentConsent(decision.purpose(), decision.status(),
					decision.source(), decision.occurredAt(), decision.expiresAt(), decision.effectiveAt(now)));
		}).all().collectList().map((rows) -> group(ids, rows));
	}

	/** The history per profile, newest first, optionally of one purpose only. */
	public Mono<Map<UUID, List<ConsentChange>>> history(List<UUID> ids, @Nullable ConsentPurpose purpose) {
		String sql = """
				SELECT profile_id, purpose, status, source, occurred_at, expires_at FROM consent_history
				WHERE profile_id = ANY($1) %s ORDER BY profile_id, occurred_at DESC, id DESC
				""".formatted((purpose != null) ? "AND purpose = $2" : "");
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(sql).bind(0, ids.toArray(UUID[]::new));
		if (purpose != null) {
			spec = spec.bind(1, purpose.name());
		}
		return spec
			.map((row, meta) -> Map.entry(row.get("profile_id", UUID.class),
					new ConsentChange(ConsentPurpose.valueOf(row.get("purpose", String.class)),
							ConsentStatus.valueOf(row.get("status", String.class)),
							ConsentSource.valueOf(row.get("source", String.class)),
							row.get("occurred_at", Instant.class), row.get("expires_at", Instant.class))))
			.all()
			.collectList()
			.map((rows) -> group(ids, rows));
	}

	private static <T> Map<UUID, List<T>> group(List<UUID> ids, List<Map.Entry<UUID, T>> rows) {
		Map<UUID, List<T>> result = new LinkedHashMap<>();
		ids.forEach((id) -> result.put(id, new ArrayList<>()));
		rows.forEach((row) -> result.get(row.getKey()).add(row.getValue()));
		return result;
	}

}
