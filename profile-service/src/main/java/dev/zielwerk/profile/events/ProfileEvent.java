package dev.zielwerk.profile.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One accepted Segment-spec message of a person, as stored. */
public record ProfileEvent(UUID id, String messageId, String kind, @Nullable String name, Object properties,
		Object context, Instant occurredAt, Instant receivedAt) {
}
