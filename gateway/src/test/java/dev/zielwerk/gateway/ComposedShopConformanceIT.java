package dev.zielwerk.gateway;

import java.util.List;
import java.util.Objects;

import dev.zielwerk.gateway.fixture.KitCase;
import dev.zielwerk.gateway.fixture.ShopSubgraphs;
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
 * The kit's shop case with a supergraph the gateway composes itself at startup from the
 * kit's subgraph SDLs ({@code zielwerk.gateway.subgraphs.*}, no
 * {@code zielwerk.gateway.supergraph}): every kit operation answers as Apollo Gateway
 * answers on Apollo's supergraph.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ComposedShopConformanceIT {

	private static final ShopSubgraphs SUBGRAPHS = new ShopSubgraphs();

	private static final KitCase KIT = new KitCase("shop");

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) {
		for (String zielwerk : List.of("profile", "segment", "connectors")) {
			registry.add("zielwerk.gateway.subgraphs." + zielwerk + ".url", () -> "");
		}
		for (String name : List.of("accounts", "catalog", "logistics", "pricing", "reviews")) {
			registry.add("zielwerk.gateway.subgraphs." + name + ".url",
					() -> "http://127.0.0.1:" + SUBGRAPHS.port() + "/" + name);
			registry.add("zielwerk.gateway.subgraphs." + name + ".sdl",
					() -> "classpath:kit/shop/" + name + ".graphql");
		}
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "inaccessible-field", "interface-across-subgraphs", "interface-object-fields",
			"interface-object-from-third-subgraph", "mutation-error", "mutation-order", "mutation-then-entity",
			"null-item", "override", "provides-no-extra-fetch", "provides-plus-external-field",
			"requires-nested-with-argument", "second-key", "shareable-value-types", "union-with-compound-key",
			"variables-default-and-list" })
	void answersEveryKitOperationAsApolloGatewayDoes(String name) {
		SUBGRAPHS.reset();
		JsonNode actual = post(KIT.request(name));
		JsonNode expected = KIT.expected(name);
		assertThat(KitCase.data(actual)).isEqualTo(KitCase.data(expected));
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
