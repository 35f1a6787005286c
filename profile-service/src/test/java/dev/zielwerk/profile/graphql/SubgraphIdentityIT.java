package dev.zielwerk.profile.graphql;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile service trusts only identity headers the gateway signed: a forged one is
 * refused, a partner caller is refused fields the schema does not open to partners, an
 * owner passes, and a request without the header still runs (zielwerk.identity.required
 * is false by default).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "zielwerk.identity.secret=" + SubgraphIdentityIT.SECRET)
class SubgraphIdentityIT {

	static final String SECRET = "profile-identity-secret-0123456789abcdefgh";

	private static final JsonMapper JSON = JsonMapper.shared();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, SubgraphIdentityIT.class);
	}

	@LocalServerPort
	int port;

	private JsonNode post(String query, @Nullable CallerIdentity caller, IdentityTokens tokens) {
		byte[] body = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.headers((h) -> {
				if (caller != null) {
					h.set(IdentityTokens.HEADER, tokens.mint(caller));
				}
			})
			.bodyValue(Map.of("query", query))
			.exchange()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	@Test
	void onlyTheGatewaysSignatureIsTrustedAndPartnersGetNothingNotShared() {
		IdentityTokens tokens = new IdentityTokens(SECRET);
		String query = "{ profile(id: \"" + UUID.randomUUID() + "\") { id } }";
		Instant later = Instant.now().plusSeconds(60);
		CallerIdentity owner = new CallerIdentity("alice", Set.of(), Set.of(), null, later);
		JsonNode asOwner = post(query, owner, tokens);
		assertThat(asOwner.has("errors")).as(asOwner.toString()).isFalse();
		JsonNode forged = post(query, owner, new IdentityTokens("a-forged-secret-that-is-long-enough-0123456"));
		assertThat(forged.path("errors").get(0).path("extensions").path("code").stringValue())
			.isEqualTo("UNAUTHENTICATED");
		assertThat(forged.has("data")).isFalse();
		CallerIdentity partner = new CallerIdentity("p", Set.of("partner"), Set.of("partner"), "acme", later);
		JsonNode asPartner = post(query, partner, tokens);
		assertThat(asPartner.path("errors").get(0).path("extensions").path("code").stringValue())
			.isEqualTo("FORBIDDEN");
		assertThat(asPartner.path("errors").get(0).path("path").toString()).isEqualTo("[\"profile\"]");
		assertThat(post(query, null, tokens).has("errors")).isFalse();
	}

}
