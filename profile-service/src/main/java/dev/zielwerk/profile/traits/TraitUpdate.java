package dev.zielwerk.profile.traits;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Traits one message sets on one profile, with their provenance. A null value removes the
 * trait.
 */
public record TraitUpdate(UUID profileId, Map<TraitGroup, Map<String, @Nullable Object>> traits, String source,
		Party party, Instant at) {
}
