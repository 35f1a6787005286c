package dev.zielwerk.gateway.subscription;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.zielwerk.gateway.security.RequestAuthenticator;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * The default {@link ConnectionAuthenticator} when the gateway authenticates requests:
 * the credentials ({@code Authorization} or {@code X-Api-Key}) of the
 * {@code connection_init} payload (top level or its {@code headers} object, since
 * browsers cannot set upgrade headers), else those of the upgrade or SSE request, checked
 * by the same {@link RequestAuthenticator} as every HTTP request. Invalid credentials
 * reject the connection; none make an anonymous caller.
 */
final class CallerAuthenticator implements ConnectionAuthenticator {

	private final RequestAuthenticator authenticator;

	CallerAuthenticator(RequestAuthenticator authenticator) {
		this.authenticator = authenticator;
	}

	@Override
	public Mono<ConnectionAuthentication> authenticate(Map<String, Object> payload, HttpHeaders headers) {
		Map<String, Object> credentials = new LinkedHashMap<>();
		if (payload.get("headers") instanceof Map<?, ?> nested) {
			nested.forEach((name, value) -> credentials.put(String.valueOf(name), value));
		}
		credentials.putAll(payload);
		boolean inPayload = credentials.keySet()
			.stream()
			.anyMatch((name) -> name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
					|| name.equalsIgnoreCase(RequestAuthenticator.API_KEY_HEADER));
		return (inPayload ? this.authenticator.authenticate(credentials) : this.authenticator.authenticate(headers))
			.map((caller) -> new ConnectionAuthentication(caller, Map.of()));
	}

}
