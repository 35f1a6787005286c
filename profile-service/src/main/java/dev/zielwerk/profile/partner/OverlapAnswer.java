package dev.zielwerk.profile.partner;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** The answer to an overlap query; {@code count} is null unless the status is COUNTED. */
public record OverlapAnswer(UUID shareId, OverlapStatus status, @Nullable Integer count, int threshold) {
}
