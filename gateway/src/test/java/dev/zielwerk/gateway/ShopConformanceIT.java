package dev.zielwerk.gateway;

import java.io.IOException;
import java.util.Objects;

import dev.zielwerk.gateway.fixture.KitCase;
import dev.zielwerk.gateway.fixture.ShopSubgraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * The federation kit's shop case end to end against Java fixture subgraphs:
 * {@code @interfaceObject}, unions, several and compound keys, {@code @override}, nested
 * {@code @requires} with an argument, {@code @provides}, {@code @inaccessible} and
 * mutations in document order, each compared with Apollo Gateway's answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ShopConformanceIT {

	private static final ShopSubgraphs SUBGRAPHS = new ShopSubgraphs();

	private static final KitCase SHOP = new KitCase("shop");

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void supergraph(DynamicPropertyRegistry registry) throws IOException {
		String file = SHOP.supergraphFor(SUBGRAPHS.port()).toString();
		registry.add("zielwerk.gateway.supergraph", () -> file);
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@BeforeEach
	void resetState() {
		SUBGRAPHS.reset();
	}

	@ParameterizedTest
	@ValueSource(strings = { "inaccessible-field", "interface-across-subgraphs", "interface-object-fields",
			"interface-object-from-third-subgraph", "mutation-error", "mutation-order", "mutation-then-entity",
			"null-item", "override", "provides-no-extra-fetch", "provides-plus-external-field",
			"requires-nested-with-argument", "second-key", "shareable-value-types", "union-with-compound-key",
			"variables-default-and-list" })
	void answersEveryKitOperationAsApolloGatewayDoes(String name) {
		JsonNode actual = post(SHOP.request(name));
		JsonNode expected = SHOP.expected(name);
		assertThat(KitCase.data(actual)).isEqualTo(KitCase.data(expected));
		assertThat(KitCase.errorPaths(actual)).isEqualTo(KitCase.errorPaths(expected));
	}

	@Test
	void providedFieldsCostNoRequestToTheSubgraphThatOwnsThem() {
		SUBGRAPHS.resetCounts();
		JsonNode response = post(SHOP.request("provides-no-extra-fetch"));
		assertThat(
				response.path("data").path("item").path("reviews").get(0).path("reviewer").path("name").stringValue())
			.isEqualTo("Ada");
		assertThat(SUBGRAPHS.requests("accounts")).isZero();
	}

	@Test
	void mutationsRunOneAfterAnotherInDocumentOrder() {
		ObjectNode request = JSON.createObjectNode();
		request.put("query", "mutation { a: appendNote(text: \"1\") b: appendNote(text: \"2\") }");
		JsonNode response = post(request);
		assertThat(response.path("data").toString()).isEqualTo("{\"a\":[\"1\"],\"b\":[\"1\",\"2\"]}");
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
