package dev.zielwerk.gateway;

import java.util.List;
import java.util.Objects;

import dev.zielwerk.gateway.fixture.KitCase;
import dev.zielwerk.gateway.fixture.ReviewsSubgraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's reviews case with a supergraph the gateway composes itself at startup from
 * the kit's subgraph SDLs ({@code zielwerk.gateway.subgraphs.*}, no
 * {@code zielwerk.gateway.supergraph}): every kit operation answers as Apollo Gateway
 * answers on Apollo's supergraph.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ComposedReviewsConformanceIT {

	private static final ReviewsSubgraphs SUBGRAPHS = new ReviewsSubgraphs();

	private static final KitCase KIT = new KitCase("reviews");

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) {
		for (String zielwerk : List.of("profile", "segment", "connectors")) {
			registry.add("zielwerk.gateway.subgraphs." + zielwerk + ".url", () -> "");
		}
		for (String name : List.of("accounts", "inventory", "products", "reviews")) {
			registry.add("zielwerk.gateway.subgraphs." + name + ".url",
					() -> "http://127.0.0.1:" + SUBGRAPHS.port() + "/" + name);
			registry.add("zielwerk.gateway.subgraphs." + name + ".sdl",
					() -> "classpath:kit/reviews/" + name + ".graphql");
		}
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "aliases", "bench", "deep-entity-chain", "fragments-and-typename", "me",
			"non-null-field-error", "null-root", "nullable-field-error", "provides-and-more", "provides-only",
			"requires", "skip-include", "user-with-variables", "validation-error" })
	void answersEveryKitOperationAsApolloGatewayDoes(String name) {
		JsonNode actual = post(KIT.request(name));
		JsonNode expected = KIT.expected(name);
		assertThat(JSON.writeValueAsString(actual.path("data")))
			.isEqualTo(JSON.writeValueAsString(expected.path("data")));
		assertThat(KitCase.errorPaths(actual)).isEqualTo(KitCase.errorPaths(expected));
	}

	private JsonNode post(ObjectNode request) {
		byte[] body = this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(JSON.writeValueAsBytes(request))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(Objects.requireNonNull(body));
	}

}
