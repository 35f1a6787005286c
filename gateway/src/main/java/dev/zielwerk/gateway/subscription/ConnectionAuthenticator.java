package dev.zielwerk.gateway.subscription;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;

/**
 * Decides whether a subscription client may connect: a graphql-ws connection at its
 * {@code connection_init} (credentials such as {@code Authorization} or {@code X-Api-Key}
 * may come in the payload or the upgrade request's headers), an SSE request with its
 * headers and an empty payload. Declare a bean of this type to replace the default,
 * {@link CallerConnectionAuthenticator}, which authenticates like HTTP requests.
 */
@FunctionalInterface
public interface ConnectionAuthenticator {

	/**
	 * Authenticates a connection.
	 * @param payload the {@code connection_init} payload (empty when none was sent, and
	 * for SSE)
	 * @param headers the headers of the WebSocket upgrade or SSE request
	 * @return the accepted connection; empty or an error rejects it (graphql-ws close
	 * 4403; SSE 401 for an {@code AuthenticationException}, else 403)
	 */
	Mono<ConnectionAuthentication> authenticate(Map<String, Object> payload, HttpHeaders headers);

	/**
	 * Everyone is admitted, anonymous, with nothing added upstream (the default only when
	 * the gateway's security is absent).
	 */
	static ConnectionAuthenticator admitAll() {
		return (payload, headers) -> Mono.just(ConnectionAuthentication.ANONYMOUS);
	}

}
