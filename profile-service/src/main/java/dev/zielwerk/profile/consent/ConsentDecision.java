package dev.zielwerk.profile.consent;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One consent decision of one person for one purpose. */
public record ConsentDecision(UUID profileId, ConsentPurpose purpose, ConsentStatus status, ConsentSource source,
		Instant occurredAt, @Nullable Instant expiresAt) {

	/** GRANTED and not expired at the instant. */
	public boolean effectiveAt(Instant now) {
		return this.status == ConsentStatus.GRANTED && (this.expiresAt == null || this.expiresAt.isAfter(now));
	}

}
