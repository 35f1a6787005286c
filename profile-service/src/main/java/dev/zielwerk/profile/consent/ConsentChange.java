package dev.zielwerk.profile.consent;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One entry of the consent history. */
public record ConsentChange(ConsentPurpose purpose, ConsentStatus status, ConsentSource source, Instant occurredAt,
		@Nullable Instant expiresAt) {
}
