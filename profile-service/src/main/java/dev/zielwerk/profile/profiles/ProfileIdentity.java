package dev.zielwerk.profile.profiles;

import java.time.Instant;

import dev.zielwerk.profile.identity.IdentityType;

/** One identifier of a person, normalized. */
public record ProfileIdentity(IdentityType type, String value, Instant firstSeenAt, String source) {
}
