package dev.zielwerk.gateway.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import dev.zielwerk.gateway.fixture.KitCase;
import dev.zielwerk.gateway.fixture.ShopSubgraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP rules and limits end to end, on the shop kit's fixture subgraphs with
 * introspection and GraphiQL switched off: every refused request is answered with a 4xx
 * or a GraphQL error and reaches no subgraph.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.gateway.introspection=false", "zielwerk.gateway.graphiql=false",
				"zielwerk.gateway.limits.max-request-bytes=32KB", "zielwerk.gateway.limits.max-cost=100" })
@AutoConfigureWebTestClient
class HttpHygieneIT {

	private static final ShopSubgraphs SUBGRAPHS = new ShopSubgraphs();

	private static final List<String> NAMES = List.of("catalog", "pricing", "reviews", "logistics", "accounts");

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void supergraph(DynamicPropertyRegistry registry) throws IOException {
		String file = new KitCase("shop").supergraphFor(SUBGRAPHS.port()).toString();
		registry.add("zielwerk.gateway.supergraph", () -> file);
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@BeforeEach
	void resetCounts() {
		SUBGRAPHS.resetCounts();
	}

	@Test
	void aJsonPostRuns() {
		JsonNode response = post(MediaType.APPLICATION_JSON, "{\"query\":\"{ customers { id } }\"}", 200);
		assertThat(response.path("data").path("customers")).isNotEmpty();
		assertThat(subgraphRequests()).isPositive();
	}

	@Test
	void formEncodedAndPlainTextPostsAreRefusedAsCsrf() {
		for (MediaType type : List.of(MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN)) {
			JsonNode response = post(type, "{\"query\":\"mutation { appendNote(text: \\\"x\\\") }\"}", 400);
			assertThat(code(response)).isEqualTo(ErrorCodes.CSRF_PREFLIGHT_REQUIRED);
			assertThat(response.path("errors").get(0).path("message").stringValue())
				.contains("Cross-Site Request Forgery");
		}
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void aGetNeedsAPreflightHeaderAndNeverRunsAMutation() {
		assertThat(code(get("{ customers { id } }", false, 400))).isEqualTo(ErrorCodes.CSRF_PREFLIGHT_REQUIRED);
		assertThat(get("{ customers { id } }", true, 200).path("data").path("customers")).isNotEmpty();
		SUBGRAPHS.resetCounts();
		byte[] body = this.client.get()
			.uri((uri) -> uri.path("/graphql").queryParam("query", "{q}").build("mutation { appendNote(text: \"x\") }"))
			.header("apollo-require-preflight", "true")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals(HttpHeaders.ALLOW, "POST")
			.expectBody()
			.returnResult()
			.getResponseBody();
		assertThat(code(JSON.readTree(Objects.requireNonNull(body)))).isEqualTo(ErrorCodes.METHOD_NOT_ALLOWED);
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void bodiesOverTheLimitGet413() {
		String padding = " ".repeat(40 * 1024);
		JsonNode response = post(MediaType.APPLICATION_JSON, "{\"query\":\"{ customers { id } }" + padding + "\"}",
				413);
		assertThat(code(response)).isEqualTo(ErrorCodes.REQUEST_TOO_LARGE);
		assertThat(response.path("errors").get(0).path("message").stringValue()).contains("32768 bytes");
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void chunkedBodiesWithoutContentLengthOverTheLimitGet413() {
		byte[] chunk = " ".repeat(8 * 1024).getBytes(StandardCharsets.UTF_8);
		Flux<DataBuffer> body = Flux.concat(
				Flux.just(DefaultDataBufferFactory.sharedInstance
					.wrap("{\"query\":\"{ customers { id } }".getBytes(StandardCharsets.UTF_8))),
				Flux.range(0, 8).map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk)));
		this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromDataBuffers(body))
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody()
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo(ErrorCodes.REQUEST_TOO_LARGE);
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void batchesAreOffByDefault() {
		JsonNode response = post(MediaType.APPLICATION_JSON,
				"[{\"query\":\"{ customers { id } }\"},{\"query\":\"{ customers { id } }\"}]", 400);
		assertThat(code(response)).isEqualTo(ErrorCodes.BATCHING_NOT_ENABLED);
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void operationsOverALimitReachNoSubgraph() {
		StringBuilder aliases = new StringBuilder("{");
		for (int i = 0; i < 101; i++) {
			aliases.append(" a").append(i).append(": customers { id }");
		}
		assertThat(code(post(MediaType.APPLICATION_JSON, "{\"query\":\"" + aliases + " }\"}", 200)))
			.isEqualTo(ErrorCodes.MAX_ALIASES_EXCEEDED);
		// items 10 × (1 + reviews 10 × 1) = 110 over the configured 100
		JsonNode costly = post(MediaType.APPLICATION_JSON, "{\"query\":\"{ items { reviews { __typename } } }\"}", 200);
		assertThat(code(costly)).isEqualTo(ErrorCodes.COST_ESTIMATED_TOO_EXPENSIVE);
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void introspectionAndGraphiqlCanBeSwitchedOff() {
		JsonNode response = post(MediaType.APPLICATION_JSON, "{\"query\":\"{ __schema { types { name } } }\"}", 200);
		assertThat(code(response)).isEqualTo(ErrorCodes.INTROSPECTION_DISABLED);
		assertThat(response.has("data")).isFalse();
		this.client.get().uri("/graphiql").exchange().expectStatus().isNotFound();
	}

	@Test
	void validationErrorsCarryNoSuggestions() {
		JsonNode response = post(MediaType.APPLICATION_JSON, "{\"query\":\"{ customers { nam } }\"}", 200);
		assertThat(code(response)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
		assertThat(response.toString()).doesNotContainIgnoringCase("did you mean");
	}

	private JsonNode post(MediaType type, String body, int status) {
		byte[] answer = this.client.post()
			.uri("/graphql")
			.contentType(type)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(Objects.requireNonNull(answer));
	}

	private JsonNode get(String query, boolean preflight, int status) {
		byte[] answer = this.client.get()
			.uri((uri) -> uri.path("/graphql").queryParam("query", "{q}").build(query))
			.headers((h) -> {
				if (preflight) {
					h.set("apollo-require-preflight", "true");
				}
			})
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(Objects.requireNonNull(answer));
	}

	private static int subgraphRequests() {
		return NAMES.stream().mapToInt(SUBGRAPHS::requests).sum();
	}

	private static String code(JsonNode response) {
		return response.path("errors").path(0).path("extensions").path("code").asString("");
	}

}
