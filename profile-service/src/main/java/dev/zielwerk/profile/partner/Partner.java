package dev.zielwerk.profile.partner;

import java.time.Instant;

/** A company the owner shares audiences with; its id appears in partner tokens. */
public record Partner(String id, String name, Instant createdAt, String createdBy) {
}
