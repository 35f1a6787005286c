package dev.zielwerk.profile.profiles;

import java.time.Instant;
import java.util.UUID;

/**
 * One person's profile row; the details (traits, consent, events) are loaded per field.
 */
public record Profile(UUID id, Instant firstSeenAt, Instant lastSeenAt) {
}
