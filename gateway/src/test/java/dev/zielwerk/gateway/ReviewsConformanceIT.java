package dev.zielwerk.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.zielwerk.gateway.fixture.KitCase;
import dev.zielwerk.gateway.fixture.ReviewsSubgraphs;
import org.junit.jupiter.api.AfterAll;
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
 * The federation kit's reviews case end to end: Java fixture subgraphs with the kit's
 * data, the gateway on the kit's supergraph pointed at them, every kit operation compared
 * with the response Apollo Gateway gives (data equal with field order, errors equal in
 * number and path).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ReviewsConformanceIT {

	private static final ReviewsSubgraphs SUBGRAPHS = new ReviewsSubgraphs();

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	private static final KitCase REVIEWS = new KitCase("reviews");

	@DynamicPropertySource
	static void supergraph(DynamicPropertyRegistry registry) throws IOException {
		String file = REVIEWS.supergraphFor(SUBGRAPHS.port()).toString();
		registry.add("zielwerk.gateway.supergraph", () -> file);
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
		JsonNode actual = post(REVIEWS.request(name), false);
		JsonNode expected = REVIEWS.expected(name);
		assertThat(JSON.writeValueAsString(actual.path("data")))
			.isEqualTo(JSON.writeValueAsString(expected.path("data")));
		assertThat(KitCase.errorPaths(actual)).isEqualTo(KitCase.errorPaths(expected));
	}

	@Test
	void sendsOneRequestPerFetchStepWithDeduplicatedRepresentations() {
		SUBGRAPHS.resetCounts();
		ObjectNode request = JSON.createObjectNode();
		request.put("query", "{ me { reviews { product { name reviews { author { name } } } } } }");
		JsonNode response = post(request, false);
		assertThat(response.path("data").path("me").path("reviews")).hasSize(2);
		assertThat(SUBGRAPHS.requests("accounts")).isEqualTo(2);
		assertThat(SUBGRAPHS.requests("reviews")).isEqualTo(1);
		assertThat(SUBGRAPHS.requests("products")).isEqualTo(1);
		// both reviews are of product 1, and every author is user 1: one representation
		// each
		assertThat(SUBGRAPHS.representations("products")).isEqualTo(1);
		assertThat(SUBGRAPHS.representations("accounts")).isEqualTo(1);
	}

	@Test
	void clientAliasesThatShadowKeyOrRequiredFieldsDoNotLeakIntoRepresentations() {
		ObjectNode request = JSON.createObjectNode();
		request.put("query", "{ topProducts(first: 2) { upc: name price: weight shippingEstimate } }");
		JsonNode response = post(request, false);
		assertThat(JSON.writeValueAsString(response))
			.isEqualTo("{\"data\":{\"topProducts\":[" + "{\"upc\":\"Table\",\"price\":100,\"shippingEstimate\":50},"
					+ "{\"upc\":\"Couch\",\"price\":1000,\"shippingEstimate\":0}]}}");
	}

	@Test
	void returnsThePlanInExtensionsWhenTheDebugHeaderIsSet() {
		ObjectNode request = JSON.createObjectNode();
		request.put("query", "{ topProducts(first: 1) { name shippingEstimate } }");
		JsonNode response = post(request, true);
		assertThat(response.path("data").path("topProducts").get(0).path("shippingEstimate").intValue()).isEqualTo(50);
		assertThat(response.path("extensions").path("queryPlan").stringValue()).contains("Fetch(service: \"products\")")
			.contains("Flatten(path: \"topProducts.@\")")
			.contains("Fetch(service: \"inventory\")");
	}

	@Test
	void servesQueriesOverGet() {
		JsonNode response = JSON.readTree(this.client.get()
			.uri((uri) -> uri.path("/graphql").queryParam("query", "{q}").build("{ me { name } }"))
			.header("apollo-require-preflight", "true")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody());
		assertThat(response.path("data").path("me").path("name").stringValue()).isEqualTo("Uri Goldshtein");
	}

	@Test
	void answersIntrospectionFromTheApiSchema() {
		ObjectNode request = JSON.createObjectNode();
		request.put("query", "{ __schema { types { name } directives { name } } }");
		JsonNode response = post(request, false);
		List<String> types = new ArrayList<>();
		response.path("data").path("__schema").path("types").forEach((t) -> types.add(t.path("name").stringValue()));
		List<String> directives = new ArrayList<>();
		response.path("data")
			.path("__schema")
			.path("directives")
			.forEach((t) -> directives.add(t.path("name").stringValue()));
		assertThat(types).contains("Product", "Review", "User", "Query")
			.noneMatch((t) -> t.startsWith("join__") || t.startsWith("link__"));
		assertThat(directives).noneMatch((d) -> d.startsWith("join__") || d.equals("link"));
	}

	private JsonNode post(ObjectNode request, boolean withPlan) {
		byte[] body = this.client.post().uri("/graphql").contentType(MediaType.APPLICATION_JSON).headers((h) -> {
			if (withPlan) {
				h.set("x-zielwerk-plan", "true");
			}
		})
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
