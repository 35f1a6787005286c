package dev.zielwerk.identity;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A verified caller.
 *
 * @param subject the token's {@code sub} (a user, a service or an API key's name)
 * @param scopes OAuth scopes, e.g. {@code profiles:read}, {@code partner}
 * @param roles roles, e.g. {@code owner}, {@code partner}, {@code service}
 * @param partnerId the partner this caller acts for; only partner tokens carry one
 * @param expiresAt after this instant the identity token is refused
 */
public record CallerIdentity(String subject, Set<String> scopes, Set<String> roles, @Nullable String partnerId,
		Instant expiresAt) {

	/** The scope a partner token carries (second-party data sharing). */
	public static final String PARTNER_SCOPE = "partner";

	/** The role of a partner caller. */
	public static final String PARTNER_ROLE = "partner";

	public CallerIdentity {
		if (subject.isBlank()) {
			throw new IllegalArgumentException("subject must not be blank");
		}
		scopes = Set.copyOf(scopes);
		roles = Set.copyOf(roles);
	}

	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	public boolean hasRole(String role) {
		return this.roles.contains(role);
	}

	/** A partner acts only through shares made to it; owner-only data is never for it. */
	public boolean isPartner() {
		return this.partnerId != null;
	}

}
