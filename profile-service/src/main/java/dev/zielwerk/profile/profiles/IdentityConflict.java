package dev.zielwerk.profile.profiles;

import java.time.Instant;

/** A link that was not merged because it would have broken a guardrail. */
public record IdentityConflict(String identityType, String value, String reason, Instant occurredAt) {
}
