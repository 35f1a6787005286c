package dev.zielwerk.profile.profiles;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One trait value with its provenance (source, party, time). */
public record Trait(String name, @Nullable Object value, String source, String party, Instant updatedAt) {
}
