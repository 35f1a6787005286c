package dev.zielwerk.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import dev.zielwerk.identity.CallerIdentity;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * Authenticates a request from its headers: {@code Authorization: Bearer <jwt>} or
 * {@code X-Api-Key: <key>}. No credentials make an anonymous caller (authorization then
 * decides what it may see); invalid credentials, or both kinds at once, are refused with
 * an {@link AuthenticationException}. Transport-independent: HTTP passes its headers,
 * graphql-ws the {@code connection_init} payload.
 */
public final class RequestAuthenticator {

	/** The header of API keys. */
	public static final String API_KEY_HEADER = "X-Api-Key";

	private static final Duration ANONYMOUS_LIFETIME = Duration.ofMinutes(5);

	private final JwtVerifier jwt;

	private final ApiKeys apiKeys;

	private final Clock clock;

	public RequestAuthenticator(JwtVerifier jwt, ApiKeys apiKeys, Clock clock) {
		this.jwt = jwt;
		this.apiKeys = apiKeys;
		this.clock = clock;
	}

	/**
	 * Authenticates a set of headers (names in any case).
	 * @param headers the headers, or the {@code connection_init} payload's entries
	 * @return the caller (anonymous without credentials), or an
	 * {@link AuthenticationException}
	 */
	public Mono<CallerIdentity> authenticate(Map<String, ?> headers) {
		Map<String, Object> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, value) -> {
			if (name != null && value != null) {
				byName.putIfAbsent(name, value);
			}
		});
		return authenticate(text(byName.get(HttpHeaders.AUTHORIZATION)), text(byName.get(API_KEY_HEADER)));
	}

	/**
	 * Authenticates HTTP headers.
	 * @param headers the request headers
	 * @return the caller, or an {@link AuthenticationException}
	 */
	public Mono<CallerIdentity> authenticate(HttpHeaders headers) {
		if (headers.get(HttpHeaders.AUTHORIZATION) != null && headers.get(HttpHeaders.AUTHORIZATION).size() > 1) {
			return Mono.error(new AuthenticationException("Send one Authorization header."));
		}
		return authenticate(headers.getFirst(HttpHeaders.AUTHORIZATION), headers.getFirst(API_KEY_HEADER));
	}

	private Mono<CallerIdentity> authenticate(@Nullable String authorization, @Nullable String apiKey) {
		return Mono.defer(() -> {
			if (authorization != null && apiKey != null) {
				throw new AuthenticationException("Send either a bearer token or an API key, not both.");
			}
			if (apiKey != null) {
				if (this.apiKeys.isEmpty()) {
					throw new AuthenticationException("API keys are not accepted.");
				}
				return Mono.just(this.apiKeys.authenticate(apiKey.trim()));
			}
			if (authorization != null) {
				String[] parts = authorization.trim().split("\\s+", 2);
				if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer") || parts[1].isBlank()) {
					throw new AuthenticationException("The Authorization header must be \"Bearer <token>\".");
				}
				if (!this.jwt.enabled()) {
					throw new AuthenticationException("Bearer tokens are not accepted.");
				}
				return this.jwt.verify(parts[1].trim());
			}
			return Mono.just(CallerIdentity.anonymous(this.clock.instant().plus(ANONYMOUS_LIFETIME)));
		});
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Iterable<?> values) {
			// a header given as a list of values (e.g. from HttpHeaders.asMultiValueMap)
			var iterator = values.iterator();
			return iterator.hasNext() ? text(iterator.next()) : null;
		}
		return value.toString();
	}

}
