package dev.zielwerk.gateway.subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.zielwerk.gateway.security.ApiKeys;
import dev.zielwerk.gateway.security.AuthenticationException;
import dev.zielwerk.gateway.security.IdentityHeaders;
import dev.zielwerk.gateway.security.JwtVerifier;
import dev.zielwerk.gateway.security.RequestAuthenticator;
import dev.zielwerk.gateway.security.SecurityProperties;
import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where {@link CallerConnectionAuthenticator} finds credentials: the
 * {@code connection_init} payload in any case (top level, then a {@code headers} object),
 * else the upgrade or SSE request's headers; and what it hands the subgraph leg.
 */
class CallerConnectionAuthenticatorSubscriptionTests {

	private static final String READER = "zw_live_reader_0123456789abcdef0123456789";

	private static final String WRITER = "zw_live_writer_0123456789abcdef0123456789";

	private static final IdentityTokens TOKENS = new IdentityTokens("identity-secret-for-unit-tests-0123456789");

	private final CallerConnectionAuthenticator authenticator = new CallerConnectionAuthenticator(
			new RequestAuthenticator(
					new JwtVerifier(SecurityProperties.Jwt.defaults(), null, JsonMapper.shared(), Clock.systemUTC()),
					new ApiKeys(
							Map.of("reader", key(READER, "segments:read"), "writer", key(WRITER, "segments:write"))),
					Clock.systemUTC()),
			new IdentityHeaders(TOKENS, Duration.ofMinutes(2), Clock.systemUTC()));

	@Test
	void takesTheKeyFromThePayloadInAnyCaseBeforeTheHeaders() {
		StepVerifier.create(this.authenticator.authenticate(Map.of("x-API-key", READER), headers(WRITER)))
			.assertNext((connection) -> {
				CallerIdentity caller = (CallerIdentity) connection.principal();
				assertThat(caller.subject()).isEqualTo("reader");
				// the subgraph leg gets a token that names the same caller
				assertThat(TOKENS.verify(connection.upstreamHeaders().get(IdentityTokens.HEADER), Instant.now()))
					.satisfies((identity) -> assertThat(identity.subject()).isEqualTo(caller.subject()));
			})
			.verifyComplete();
	}

	@Test
	void takesTheKeyFromTheHeadersObjectOfThePayload() {
		StepVerifier
			.create(this.authenticator.authenticate(Map.of("headers", Map.of("X-Api-Key", WRITER)), new HttpHeaders()))
			.assertNext((connection) -> assertThat(((CallerIdentity) connection.principal()).scopes())
				.containsExactly("segments:write"))
			.verifyComplete();
	}

	@Test
	void fallsBackToTheRequestHeaders() {
		StepVerifier.create(this.authenticator.authenticate(Map.of("other", "value"), headers(WRITER)))
			.assertNext((connection) -> assertThat(((CallerIdentity) connection.principal()).scopes())
				.containsExactly("segments:write"))
			.verifyComplete();
	}

	@Test
	void noCredentialsMakeAnAnonymousCaller() {
		StepVerifier.create(this.authenticator.authenticate(Map.of(), new HttpHeaders()))
			.assertNext((connection) -> assertThat(((CallerIdentity) connection.principal()).isAnonymous()).isTrue())
			.verifyComplete();
	}

	@Test
	void refusesAnUnknownKeyOrABearerTokenNobodyCanVerify() {
		StepVerifier.create(this.authenticator.authenticate(Map.of("X-Api-Key", "zw_live_unknown"), headers(READER)))
			.expectError(AuthenticationException.class)
			.verify();
		StepVerifier.create(this.authenticator.authenticate(Map.of("authorization", "Bearer abc"), new HttpHeaders()))
			.expectError(AuthenticationException.class)
			.verify();
	}

	private static HttpHeaders headers(String apiKey) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(RequestAuthenticator.API_KEY_HEADER, apiKey);
		return headers;
	}

	private static SecurityProperties.ApiKey key(String key, String scope) {
		return new SecurityProperties.ApiKey(ApiKeys.hash(key), List.of(scope), List.of(), null);
	}

}
