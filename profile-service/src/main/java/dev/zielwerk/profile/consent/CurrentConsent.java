package dev.zielwerk.profile.consent;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The current consent of a person for one purpose, with whether it is effective at the
 * moment it was read.
 */
public record CurrentConsent(ConsentPurpose purpose, ConsentStatus status, ConsentSource source, Instant occurredAt,
		@Nullable Instant expiresAt, boolean effective) {
}
