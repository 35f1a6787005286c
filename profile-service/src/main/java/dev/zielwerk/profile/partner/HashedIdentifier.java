package dev.zielwerk.profile.partner;

import dev.zielwerk.profile.identity.IdentityType;

/**
 * An identifier as a partner sees it: its type and the SHA-256 of its normalized value.
 */
public record HashedIdentifier(IdentityType type, String sha256) {
}
