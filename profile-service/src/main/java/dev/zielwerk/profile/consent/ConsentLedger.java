package dev.zielwerk.profile.consent;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.zielwerk.profile.outbox.MessageType;
import dev.zielwerk.profile.outbox.Outbox;
import dev.zielwerk.profile.outbox.StreamMessage;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Records consent decisions: the current state per purpose, an append-only history row
 * and a {@code consent} stream message, all in the caller's transaction. A decision older
 * than the current one still enters the history but does not replace the current state,
 * so late messages cannot undo a newer withdrawal.
 */
@Component
public final class ConsentLedger {

	private final DatabaseClient database;

	private final Outbox outbox;

	ConsentLedger(DatabaseClient database, Outbox outbox) {
		this.database = database;
		this.outbox = outbox;
	}

	/** Records the decision; emits true when it changed the current state. */
	public Mono<Boolean> record(ConsentDecision decision) {
		Mono<Void> history = bindExpiry(this.database.sql("""
				INSERT INTO consent_history (profile_id, purpose, status, source, occurred_at, expires_at)
				VALUES (:profile, :purpose, :status, :source, :occurredAt, :expiresAt)
				"""), decision).then();
		Mono<Long> current = bindExpiry(this.database.sql("""
				INSERT INTO consents (profile_id, purpose, status, source, occurred_at, expires_at)
				VALUES (:profile, :purpose, :status, :source, :occurredAt, :expiresAt)
				ON CONFLICT (profile_id, purpose) DO UPDATE
				SET status = excluded.status, source = excluded.source,
				    occurred_at = excluded.occurred_at, expires_at = excluded.expires_at
				WHERE consents.occurred_at <= excluded.occurred_at
				  AND (consents.status, consents.expires_at) IS DISTINCT FROM (excluded.status, excluded.expires_at)
				"""), decision).fetch().rowsUpdated();
		return history.then(current).flatMap((changed) -> {
			if (changed == 0) {
				return Mono.just(false);
			}
			return this.outbox.append(message(decision)).thenReturn(true);
		});
	}

	private static DatabaseClient.GenericExecuteSpec bindExpiry(DatabaseClient.GenericExecuteSpec spec,
			ConsentDecision decision) {
		DatabaseClient.GenericExecuteSpec bound = spec.bind("profile", decision.profileId())
			.bind("purpose", decision.purpose().name())
			.bind("status", decision.status().name())
			.bind("source", decision.source().name())
			.bind("occurredAt", decision.occurredAt());
		return (decision.expiresAt() != null) ? bound.bind("expiresAt", decision.expiresAt())
				: bound.bindNull("expiresAt", java.time.Instant.class);
	}

	private static StreamMessage message(ConsentDecision decision) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("purpose", decision.purpose().name());
		payload.put("status", decision.status().name());
		payload.put("source", decision.source().name());
		payload.put("expiresAt", (decision.expiresAt() != null) ? decision.expiresAt().toString() : null);
		return StreamMessage.of(MessageType.CONSENT, decision.profileId(), decision.occurredAt(), payload);
	}

}
