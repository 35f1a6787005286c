package dev.zielwerk.gateway.security;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.zielwerk.identity.CallerIdentity;
import org.jspecify.annotations.Nullable;

/**
 * Builds caller identities from verified credentials, with the rules every credential
 * obeys: a caller claiming to be a partner (the partner scope or role) must name its
 * partner, and a partner caller always has the partner role.
 */
final class Identities {

	private Identities() {
	}

	static CallerIdentity checked(String subject, Set<String> scopes, Set<String> roles, @Nullable String partnerId,
			Instant expiresAt) {
		Set<String> allRoles = new LinkedHashSet<>(roles);
		if (partnerId == null
				&& (scopes.contains(CallerIdentity.PARTNER_SCOPE) || roles.contains(CallerIdentity.PARTNER_ROLE))) {
			throw new AuthenticationException("A partner credential must name its partner.");
		}
		if (allRoles.contains(CallerIdentity.ANONYMOUS_ROLE)) {
			throw new AuthenticationException("A credential cannot carry the anonymous role.");
		}
		if (partnerId != null) {
			allRoles.add(CallerIdentity.PARTNER_ROLE);
		}
		return new CallerIdentity(subject, scopes, allRoles, partnerId, expiresAt);
	}

}
