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

	/**
	 * The role of a caller that sent no credentials: the gateway still tells subgraphs
	 * so, which lets a subgraph tell "anonymous through the gateway" from "not through
	 * the gateway".
	 */
	public static final String ANONYMOUS_ROLE = "anonymous";

	/** The subject of an anonymous caller. */
	public static final String ANONYMOUS_SUBJECT = "anonymous";

	public CallerIdentity {
		if (subject.isBlank()) {
			throw new IllegalArgumentException("subject must not be blank");
		}
		scopes = Set.copyOf(scopes);
		roles = Set.copyOf(roles);
	}

	/**
	 * A caller that sent no credentials.
	 * @param expiresAt until when the identity holds
	 * @return the anonymous identity: no scopes, only the anonymous role
	 */
	public static CallerIdentity anonymous(Instant expiresAt) {
		return new CallerIdentity(ANONYMOUS_SUBJECT, Set.of(), Set.of(ANONYMOUS_ROLE), null, expiresAt);
	}

	/** Whether the caller sent no credentials. */
	public boolean isAnonymous() {
		return this.roles.contains(ANONYMOUS_ROLE);
	}

	/**
	 * The same caller with another expiry (an identity token lives shorter than the
	 * client's credentials).
	 * @param instant the new expiry
	 * @return the identity expiring then
	 */
	public CallerIdentity expiringAt(Instant instant) {
		return new CallerIdentity(this.subject, this.scopes, this.roles, this.partnerId, instant);
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
