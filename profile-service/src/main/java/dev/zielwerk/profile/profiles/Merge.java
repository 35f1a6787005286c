package dev.zielwerk.profile.profiles;

import java.time.Instant;
import java.util.UUID;

/** A profile that was merged into this one, and which identifier type linked them. */
public record Merge(UUID mergedId, String identityType, Instant mergedAt) {
}
