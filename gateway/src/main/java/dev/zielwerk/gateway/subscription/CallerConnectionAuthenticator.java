package dev.zielwerk.gateway.subscription;

import java.util.Map;
import java.util.TreeMap;

import dev.zielwerk.gateway.security.IdentityHeaders;
import dev.zielwerk.gateway.security.RequestAuthenticator;
import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * The gateway's subscription authentication, the same as HTTP's: credentials
 * ({@code Authorization: Bearer <jwt>} or {@code X-Api-Key}, names in any case) from the
 * graphql-ws {@code connection_init} payload (top level or its {@code headers} object,
 * where browsers put what they cannot send as upgrade headers), else from the upgrade or
 * SSE request's headers, checked by the {@link RequestAuthenticator}. No credentials make
 * an anonymous caller (authorization decides what it may subscribe to); invalid ones fail
 * with its {@link dev.zielwerk.gateway.security.AuthenticationException}. The principal
 * is the {@link CallerIdentity}; the subgraph leg gets an {@value IdentityTokens#HEADER}
 * for it.
 */
final class CallerConnectionAuthenticator implements ConnectionAuthenticator {

	private final RequestAuthenticator authenticator;

	private final IdentityHeaders identities;

	CallerConnectionAuthenticator(RequestAuthenticator authenticator, IdentityHeaders identities) {
		this.authenticator = authenticator;
		this.identities = identities;
	}

	@Override
	public Mono<ConnectionAuthentication> authenticate(Map<String, Object> payload, HttpHeaders headers) {
		Map<String, Object> credentials = credentials(payload);
		if (credentials.isEmpty() && payload.get("headers") instanceof Map<?, ?> nested) {
			credentials = credentials(nested);
		}
		Mono<CallerIdentity> caller = credentials.isEmpty() ? this.authenticator.authenticate(headers)
				: this.authenticator.authenticate(credentials);
		return caller.map((identity) -> new ConnectionAuthentication(identity, upstream(identity)));
	}

	/** The identity header for the subgraph leg, when a secret is configured. */
	Map<String, String> upstream(CallerIdentity caller) {
		String token = this.identities.token(caller);
		return (token != null) ? Map.of(IdentityTokens.HEADER, token) : Map.of();
	}

	private static Map<String, Object> credentials(Map<?, ?> payload) {
		Map<String, Object> credentials = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		payload.forEach((key, value) -> {
			if (key instanceof String name && value != null && (name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
					|| name.equalsIgnoreCase(RequestAuthenticator.API_KEY_HEADER))) {
				credentials.putIfAbsent(name, value);
			}
		});
		return credentials;
	}

}
