package dev.zielwerk.gateway.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.zielwerk.identity.CallerIdentity;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Authentication and authorization end to end: a running gateway in front of subgraphs
 * whose schema uses {@code @authenticated} and {@code @requiresScopes}, a key server on
 * loopback, and a negative matrix of credentials. Every refused credential gets 401 with
 * UNAUTHENTICATED and reaches no subgraph; every accepted one reaches the subgraphs as a
 * verifiable identity header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AuthenticationIT {

	private static final SecureSubgraphs SUBGRAPHS = new SecureSubgraphs();

	private static final JwksServer JWKS = new JwksServer();

	private static final KeyPair RSA_1 = TestTokens.rsa();

	private static final KeyPair RSA_2 = TestTokens.rsa();

	private static final KeyPair EC = TestTokens.ec();

	private static final String API_KEY = "zw_live_4f9c2e7a1b3d5e6f8a9b0c1d2e3f4a5b";

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		Path supergraph = Files.createTempFile("secure-supergraph", ".graphql");
		Files.writeString(supergraph, SUBGRAPHS.supergraph());
		supergraph.toFile().deleteOnExit();
		registry.add("zielwerk.gateway.supergraph", supergraph::toString);
		registry.add("zielwerk.gateway.security.jwt.issuer", () -> TestTokens.ISSUER);
		registry.add("zielwerk.gateway.security.jwt.audiences", () -> TestTokens.AUDIENCE);
		registry.add("zielwerk.gateway.security.jwt.hs256-secret", () -> TestTokens.HS_SECRET);
		registry.add("zielwerk.gateway.security.jwt.jwks-url", JWKS::url);
		// every unknown key id may refetch here; the rate limit has its own test
		registry.add("zielwerk.gateway.security.jwt.jwks-refetch-interval", () -> "0s");
		registry.add("zielwerk.gateway.security.api-keys.sync-job.sha256", () -> ApiKeys.hash(API_KEY));
		registry.add("zielwerk.gateway.security.api-keys.sync-job.scopes", () -> "accounts:read,orders:read");
		registry.add("zielwerk.identity.secret", () -> SecureSubgraphs.IDENTITY_SECRET);
	}

	@AfterAll
	static void stop() {
		SUBGRAPHS.close();
		JWKS.close();
	}

	@BeforeEach
	void reset() {
		SUBGRAPHS.clear();
		JWKS.serve(TestTokens.jwks(Map.of("rsa-1", RSA_1, "ec-1", EC)));
	}

	@Test
	void anAnonymousCallerGetsPublicFieldsAndForbiddenOnAuthenticatedOnes() {
		JsonNode response = post("{ publicInfo me { name } }", null, 200);
		assertThat(response.path("data").path("publicInfo").stringValue()).isEqualTo("hello");
		assertThat(response.path("data").path("me").isNull()).isTrue();
		assertThat(errors(response)).containsExactly("FORBIDDEN [\"me\"]");
		assertThat(SUBGRAPHS.seen()).singleElement().satisfies((seen) -> {
			assertThat(seen.query()).doesNotContainPattern("\\bme\\b");
			assertThat(seen.caller()).isNotNull();
			assertThat(seen.caller().isAnonymous()).isTrue();
		});
	}

	@Test
	void anHs256TokenReachesTheSubgraphsAsAVerifiableIdentity() {
		String token = TestTokens.hs256(TestTokens.claims("alice", "accounts:read email:read orders:read"));
		JsonNode response = post("{ me { name } accounts { id email orders { total } } }", token, 200);
		assertThat(response.has("errors")).isFalse();
		assertThat(response.path("data").path("me").path("name").stringValue()).isEqualTo("Ada");
		assertThat(response.path("data").path("accounts").get(1).path("email").stringValue())
			.isEqualTo("bob@example.com");
		assertThat(response.path("data").path("accounts").get(1).path("orders").get(0).path("total").asInt())
			.isEqualTo(10);
		assertThat(SUBGRAPHS.seen()).hasSize(2).allSatisfy((seen) -> {
			assertThat(seen.problem()).isNull();
			assertThat(seen.caller().subject()).isEqualTo("alice");
			assertThat(seen.caller().scopes()).contains("accounts:read", "email:read");
			assertThat(seen.caller().expiresAt()).isBefore(Instant.now().plusSeconds(121));
		});
	}

	@Test
	void rs256AndEs256TokensAreVerifiedWithTheKeySet() {
		Map<String, Object> claims = TestTokens.claims("carol", "accounts:read");
		claims.put("scp", List.of("email:read"));
		JsonNode rs = post("{ accounts { email } }", TestTokens.rs256(claims, RSA_1, "rsa-1"), 200);
		assertThat(rs.has("errors")).isFalse();
		JsonNode es = post("{ accounts { email } }", TestTokens.es256(claims, EC, "ec-1"), 200);
		assertThat(es.has("errors")).isFalse();
		assertThat(es.path("data").path("accounts").get(0).path("email").stringValue()).isEqualTo("ada@example.com");
	}

	@Test
	void everyBadCredentialGets401AndReachesNoSubgraph() {
		Map<String, @Nullable String> bad = new LinkedHashMap<>();
		Map<String, Object> valid = TestTokens.claims("mallory", "accounts:read admin");
		bad.put("wrong signature", TestTokens.hs256(valid, "another-secret-of-32-bytes-or-more-xx".getBytes()));
		bad.put("alg none", TestTokens.none(valid));
		bad.put("expired", TestTokens.hs256(with(valid, "exp", Instant.now().getEpochSecond() - 120)));
		bad.put("not yet valid", TestTokens.hs256(with(valid, "nbf", Instant.now().getEpochSecond() + 120)));
		bad.put("no expiry", TestTokens.hs256(with(valid, "exp", null)));
		bad.put("wrong audience", TestTokens.hs256(with(valid, "aud", "someone-else")));
		bad.put("wrong issuer", TestTokens.hs256(with(valid, "iss", "https://evil.test")));
		bad.put("unknown key id", TestTokens.rs256(valid, RSA_2, "rsa-unknown"));
		bad.put("known key id, other key", TestTokens.rs256(valid, RSA_2, "rsa-1"));
		bad.put("HS256 keyed with the RSA public key", TestTokens.hs256(valid, RSA_1.getPublic().getEncoded()));
		String genuine = TestTokens.rs256(valid, RSA_1, "rsa-1");
		String[] parts = genuine.split("\\.");
		bad.put("tampered claims",
				parts[0] + "."
						+ TestTokens
							.base64(JSON.writeValueAsBytes(with(valid, "scope", "admin accounts:read email:read")))
						+ "." + parts[2]);
		bad.put("partner scope without partner id", TestTokens.hs256(with(valid, "scope", "partner")));
		bad.put("not a JWT", "abc.def");
		for (Map.Entry<String, @Nullable String> entry : bad.entrySet()) {
			JsonNode response = post("{ publicInfo }", entry.getValue(), 401);
			assertThat(errors(response)).as(entry.getKey()).singleElement().asString().startsWith("UNAUTHENTICATED");
		}
		assertThat(postWithHeaders("{ publicInfo }", Map.of(HttpHeaders.AUTHORIZATION, "Basic YWxpY2U6c2VjcmV0"), 401)
			.path("errors")
			.get(0)
			.path("message")
			.stringValue()).contains("Bearer");
		assertThat(postWithHeaders("{ publicInfo }", Map.of("X-Api-Key", API_KEY + "x"), 401).path("errors")
			.get(0)
			.path("message")
			.stringValue()).isEqualTo("The API key is not valid.");
		assertThat(postWithHeaders("{ publicInfo }", Map.of("X-Api-Key", API_KEY, HttpHeaders.AUTHORIZATION,
				"Bearer " + TestTokens.hs256(TestTokens.claims("a", ""))), 401))
			.isNotNull();
		assertThat(SUBGRAPHS.seen()).isEmpty();
	}

	@Test
	void expiryAndNotBeforeAllowSmallClockSkew() {
		Map<String, Object> claims = TestTokens.claims("dave", "accounts:read");
		claims.put("exp", Instant.now().getEpochSecond() - 20);
		claims.put("nbf", Instant.now().getEpochSecond() + 20);
		assertThat(post("{ accounts { id } }", TestTokens.hs256(claims), 200).has("errors")).isFalse();
	}

	@Test
	void aRotatedKeyIsAcceptedAfterTheRotationAndTheRetiredOneRefused() {
		Map<String, Object> claims = TestTokens.claims("erin", "accounts:read");
		assertThat(post("{ accounts { id } }", TestTokens.rs256(claims, RSA_1, "rsa-1"), 200).has("errors")).isFalse();
		JWKS.serve(TestTokens.jwks(Map.of("rsa-2", RSA_2)));
		int before = JWKS.requests();
		assertThat(post("{ accounts { id } }", TestTokens.rs256(claims, RSA_2, "rsa-2"), 200).has("errors")).isFalse();
		assertThat(JWKS.requests()).isEqualTo(before + 1);
		post("{ accounts { id } }", TestTokens.rs256(claims, RSA_1, "rsa-1"), 401);
	}

	@Test
	void anApiKeyAuthenticatesAMachineClientWithItsScopes() {
		JsonNode response = postWithHeaders("{ accounts { id orders { id } } }", Map.of("X-Api-Key", API_KEY), 200);
		assertThat(response.has("errors")).isFalse();
		assertThat(response.path("data").path("accounts").get(0).path("orders").get(0).path("id").stringValue())
			.isEqualTo("o1");
		assertThat(SUBGRAPHS.seen()).allSatisfy((seen) -> assertThat(seen.caller().subject()).isEqualTo("sync-job"));
	}

	@Test
	void aPartnerTokenSeesOnlyWhatTheSchemaSharesWithPartners() {
		Map<String, Object> claims = TestTokens.claims("partner-app", "partner");
		claims.put("partner_id", "acme");
		JsonNode response = post("{ sharedAudience { name size } accounts { id name email } me { name } publicInfo }",
				TestTokens.hs256(claims), 200);
		JsonNode data = response.path("data");
		assertThat(data.path("sharedAudience").toString()).isEqualTo("{\"name\":\"vip\",\"size\":2}");
		assertThat(data.path("accounts").toString())
			.isEqualTo("[{\"id\":\"1\",\"name\":null,\"email\":null},{\"id\":\"2\",\"name\":null,\"email\":null}]");
		assertThat(data.path("me").isNull()).isTrue();
		assertThat(data.path("publicInfo").isNull()).isTrue();
		assertThat(errors(response)).containsExactlyInAnyOrder("FORBIDDEN [\"accounts\",0,\"name\"]",
				"FORBIDDEN [\"accounts\",0,\"email\"]", "FORBIDDEN [\"accounts\",1,\"name\"]",
				"FORBIDDEN [\"accounts\",1,\"email\"]", "FORBIDDEN [\"me\"]", "FORBIDDEN [\"publicInfo\"]");
		assertThat(SUBGRAPHS.seen()).allSatisfy((seen) -> {
			assertThat(seen.query()).doesNotContainPattern("\\b(email|me|name|publicInfo)\\b");
			assertThat(seen.caller().partnerId()).isEqualTo("acme");
			assertThat(seen.caller().hasRole(CallerIdentity.PARTNER_ROLE)).isTrue();
		});
	}

	@Test
	void aMissingScopeNullsTheFieldAtItsPathAndANonNullOneItsParent() {
		String token = TestTokens.hs256(TestTokens.claims("frank", "accounts:read"));
		JsonNode response = post("{ accounts { id email } }", token, 200);
		assertThat(response.path("data").path("accounts").toString())
			.isEqualTo("[{\"id\":\"1\",\"email\":null},{\"id\":\"2\",\"email\":null}]");
		assertThat(errors(response)).containsExactly("FORBIDDEN [\"accounts\",0,\"email\"]",
				"FORBIDDEN [\"accounts\",1,\"email\"]");
		JsonNode nonNull = post("{ accounts { id secret } }", token, 200);
		assertThat(nonNull.path("data").path("accounts").toString()).isEqualTo("[null,null]");
		assertThat(errors(nonNull)).hasSize(2);
	}

	@Test
	void aDeniedFieldOfAnotherSubgraphIsNeverFetched() {
		String token = TestTokens.hs256(TestTokens.claims("grace", "accounts:read"));
		JsonNode response = post("{ accounts { id orders { total } } }", token, 200);
		assertThat(response.path("data").path("accounts").get(0).path("orders").isNull()).isTrue();
		assertThat(SUBGRAPHS.seen()).extracting(SecureSubgraphs.Seen::subgraph).containsExactly("accounts");
	}

	private static Map<String, Object> with(Map<String, Object> claims, String name, @Nullable Object value) {
		Map<String, Object> changed = new LinkedHashMap<>(claims);
		if (value == null) {
			changed.remove(name);
		}
		else {
			changed.put(name, value);
		}
		return changed;
	}

	private static List<String> errors(JsonNode response) {
		List<String> errors = new ArrayList<>();
		response.path("errors")
			.forEach((error) -> errors.add(error.path("extensions").path("code").asString() + " "
					+ (error.has("path") ? error.path("path").toString() : "")));
		return errors;
	}

	private JsonNode post(String query, @Nullable String token, int status) {
		return postWithHeaders(query, (token != null) ? Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + token) : Map.of(),
				status);
	}

	private JsonNode postWithHeaders(String query, Map<String, String> headers, int status) {
		byte[] answer = this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.headers((h) -> headers.forEach(h::set))
			.bodyValue(JSON.writeValueAsString(Map.of("query", query)))
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(Objects.requireNonNull(answer));
	}

}
