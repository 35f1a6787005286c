package dev.zielwerk.gateway.subscription;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.zielwerk.gateway.fixture.LiveSubgraphs;
import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions with the gateway's own authentication and authorization (no
 * {@link ConnectionAuthenticator} bean): the gateway's schema of the fixture subgraphs
 * requires the scope {@code segments:read} for {@code memberChanged} and
 * {@code email:read} for {@code Person.email}. Bearer tokens in the
 * {@code connection_init} payload, on the upgrade and on SSE; the subgraphs check who
 * subscribes from the {@value IdentityTokens#HEADER} header of the upgrade (where a
 * Spring for GraphQL subgraph reads it), the {@code connection_init} payload and every
 * entity fetch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubscriptionAuthenticationIT {

	private static final LiveSubgraphs SUBGRAPHS = new LiveSubgraphs();

	private static final String ISSUER = "https://issuer.test";

	private static final String AUDIENCE = "zielwerk-api";

	private static final String JWT_SECRET = "hs256-secret-for-subscription-tests-0123456789";

	private static final String IDENTITY_SECRET = "identity-secret-for-subscription-tests-0123456789";

	private static final IdentityTokens IDENTITIES = new IdentityTokens(IDENTITY_SECRET);

	private static final String BUYERS = """
			subscription { memberChanged(segment: "buyers") { change person { name email } } }""";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		for (String name : List.of("profile", "segment", "connectors")) {
			registry.add("zielwerk.gateway.subgraphs." + name + ".url", () -> "");
		}
		for (String name : List.of("live", "people")) {
			registry.add("zielwerk.gateway.subgraphs." + name + ".url",
					() -> "http://127.0.0.1:" + SUBGRAPHS.port() + "/" + name);
			registry.add("zielwerk.gateway.subgraphs." + name + ".sdl",
					() -> "classpath:subscription/secure/" + name + ".graphql");
		}
		registry.add("zielwerk.gateway.security.jwt.issuer", () -> ISSUER);
		registry.add("zielwerk.gateway.security.jwt.audiences", () -> AUDIENCE);
		registry.add("zielwerk.gateway.security.jwt.hs256-secret", () -> JWT_SECRET);
		registry.add("zielwerk.identity.secret", () -> IDENTITY_SECRET);
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@BeforeEach
	void reset() {
		SUBGRAPHS.reset();
		await().atMost(WAIT).until(() -> SUBGRAPHS.activeSubscriptions() == 0);
		SUBGRAPHS.reset();
	}

	@Test
	void aTokenInConnectionInitSubscribesAndTheSubgraphsSeeWhoOnEveryLeg() {
		String token = bearer("ada", "segments:read");
		try (TestSocket socket = TestSocket.initialised(this.port, "{\"Authorization\":\"" + token + "\"}")) {
			socket.subscribe("a", BUYERS);
			awaitActive(1);
			SUBGRAPHS.emit("buyers", "ENTERED", "p-ada");
			// email needs a scope the token lacks: null with FORBIDDEN in the event, as
			// a query would get it
			JsonNode next = socket.next();
			assertThat(next.path("type").asString()).isEqualTo("next");
			assertThat(next.path("payload").path("data")).isEqualTo(TestSocket.JSON.readTree("""
					{"memberChanged": {"change": "ENTERED", "person": {"name": "Ada", "email": null}}}"""));
			JsonNode error = next.path("payload").path("errors").get(0);
			assertThat(error.path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
			assertThat(error.path("path"))
				.isEqualTo(TestSocket.JSON.readTree("[\"memberChanged\", \"person\", \"email\"]"));
		}
		// the upgrade of the subgraph leg, then the entity fetch of the event
		assertThat(SUBGRAPHS.identityHeaders()).hasSize(2)
			.allSatisfy((header) -> assertThat(caller(header).subject()).isEqualTo("ada"));
		assertThat(caller(SUBGRAPHS.initPayloads().get(0).path(IdentityTokens.HEADER).asString()).scopes())
			.containsExactly("segments:read");
	}

	@Test
	void aLowerCaseKeyInConnectionInitWorksAndAllScopesGetEveryField() {
		String token = bearer("bob", "segments:read email:read");
		try (TestSocket socket = TestSocket.initialised(this.port, "{\"authorization\":\"" + token + "\"}")) {
			socket.subscribe("a", BUYERS);
			awaitActive(1);
			SUBGRAPHS.emit("buyers", "ENTERED", "p-ada");
			assertThat(socket.next()).isEqualTo(TestSocket.JSON.readTree("""
					{"id": "a", "type": "next", "payload": {"data": {"memberChanged":
					  {"change": "ENTERED", "person": {"name": "Ada", "email": "ada@example.org"}}}}}"""));
		}
	}

	@Test
	void aTokenOnTheUpgradeRequestIsUsedWhenConnectionInitHasNone() {
		HttpHeaders headers = new HttpHeaders();
		headers.setBearerAuth(token("carol", "segments:read"));
		try (TestSocket socket = TestSocket.connect(this.port, headers)) {
			socket.send("{\"type\":\"connection_init\"}");
			assertThat(socket.next().path("type").asString()).isEqualTo("connection_ack");
			socket.subscribe("a", BUYERS);
			awaitActive(1);
			assertThat(caller(SUBGRAPHS.identityHeaders().get(0)).subject()).isEqualTo("carol");
		}
	}

	@Test
	void anInvalidTokenInConnectionInitClosesWith4403() {
		Map<String, Object> claims = claims("mallory", "segments:read");
		claims.put("exp", Instant.now().getEpochSecond() - 600);
		TestSocket socket = TestSocket.connect(this.port);
		socket.send("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + hs256(claims) + "\"}}");
		assertThat(socket.closeStatus().getCode()).isEqualTo(GraphQlWs.FORBIDDEN);
		assertThat(SUBGRAPHS.identityHeaders()).isEmpty();
	}

	@Test
	void aSubscriptionNeedingAScopeTheTokenLacksIsForbiddenAndReachesNoSubgraph() {
		try (TestSocket socket = TestSocket.initialised(this.port,
				"{\"Authorization\":\"" + bearer("dave", "email:read") + "\"}")) {
			socket.subscribe("a", BUYERS);
			JsonNode error = socket.next();
			assertThat(error.path("type").asString()).isEqualTo("error");
			assertThat(error.path("id").asString()).isEqualTo("a");
			assertThat(error.path("payload").get(0).path("extensions").path("code").asString()).isEqualTo("FORBIDDEN");
			assertThat(error.path("payload").get(0).path("message").asString())
				.isEqualTo("Not authorized to access Subscription.memberChanged.");
		}
		assertThat(SUBGRAPHS.identityHeaders()).isEmpty();
		assertThat(SUBGRAPHS.initPayloads()).isEmpty();
	}

	@Test
	void sseWithABearerHeaderSubscribesAsTheCaller() {
		Flux<ServerSentEvent<String>> events = sse(bearer("erin", "segments:read email:read"));
		StepVerifier.create(events).then(() -> {
			awaitActive(1);
			SUBGRAPHS.emit("buyers", "ENTERED", "p-ada");
		}).assertNext((event) -> {
			assertThat(event.event()).isEqualTo("next");
			assertThat(TestSocket.JSON.readTree(event.data())).isEqualTo(TestSocket.JSON.readTree(
					"""
							{"data": {"memberChanged": {"change": "ENTERED", "person": {"name": "Ada", "email": "ada@example.org"}}}}"""));
		})
			.then(SUBGRAPHS::completeAll)
			.assertNext((event) -> assertThat(event.event()).isEqualTo("complete"))
			.expectComplete()
			.verify(WAIT);
		assertThat(SUBGRAPHS.identityHeaders()).hasSize(2)
			.allSatisfy((header) -> assertThat(caller(header).subject()).isEqualTo("erin"));
	}

	@Test
	void sseWithoutTheRequiredCredentialIsRefused() {
		StepVerifier.create(sse(null)).assertNext((event) -> {
			assertThat(event.event()).isEqualTo("next");
			JsonNode response = TestSocket.JSON.readTree(event.data());
			assertThat(response.has("data")).isFalse();
			assertThat(response.path("errors").get(0).path("extensions").path("code").asString())
				.isEqualTo("FORBIDDEN");
		}).assertNext((event) -> assertThat(event.event()).isEqualTo("complete")).expectComplete().verify(WAIT);
		assertThat(SUBGRAPHS.identityHeaders()).isEmpty();
	}

	@Test
	void sseWithAnInvalidBearerHeaderIsUnauthenticated() {
		WebClient.ResponseSpec response = WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/graphql")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
			.bodyValue(Map.of("query", BUYERS))
			.retrieve();
		StepVerifier.create(response.toEntity(String.class)).expectErrorSatisfies((ex) -> {
			assertThat(ex)
				.isInstanceOf(org.springframework.web.reactive.function.client.WebClientResponseException.class);
			var failure = (org.springframework.web.reactive.function.client.WebClientResponseException) ex;
			assertThat(failure.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(TestSocket.JSON.readTree(failure.getResponseBodyAsString())
				.path("errors")
				.get(0)
				.path("extensions")
				.path("code")
				.asString()).isEqualTo("UNAUTHENTICATED");
		}).verify(WAIT);
		assertThat(SUBGRAPHS.identityHeaders()).isEmpty();
	}

	private Flux<ServerSentEvent<String>> sse(String authorization) {
		return WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/graphql")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.headers((headers) -> {
				if (authorization != null) {
					headers.set(HttpHeaders.AUTHORIZATION, authorization);
				}
			})
			.bodyValue(Map.of("query", BUYERS))
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.filter((event) -> event.event() != null);
	}

	private static void awaitActive(int count) {
		await().atMost(WAIT).until(() -> SUBGRAPHS.activeSubscriptions() == count);
	}

	private static CallerIdentity caller(String identityHeader) {
		return IDENTITIES.verify(identityHeader, Instant.now());
	}

	private static String bearer(String subject, String scope) {
		return "Bearer " + token(subject, scope);
	}

	private static String token(String subject, String scope) {
		return hs256(claims(subject, scope));
	}

	private static Map<String, Object> claims(String subject, String scope) {
		long now = Instant.now().getEpochSecond();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iss", ISSUER);
		claims.put("aud", AUDIENCE);
		claims.put("sub", subject);
		claims.put("scope", scope);
		claims.put("iat", now);
		claims.put("exp", now + 300);
		return claims;
	}

	private static String hs256(Map<String, Object> claims) {
		String input = base64(TestSocket.JSON.writeValueAsBytes(Map.of("alg", "HS256", "typ", "JWT"))) + "."
				+ base64(TestSocket.JSON.writeValueAsBytes(claims));
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(JWT_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return input + "." + base64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
