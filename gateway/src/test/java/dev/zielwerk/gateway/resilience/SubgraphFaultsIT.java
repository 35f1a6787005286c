package dev.zielwerk.gateway.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One subgraph down, slow, failing or overloaded while the other is fine: the healthy
 * subgraph's fields are always there, the failed fetch's fields are null with one error
 * each at their path ({@code extensions.code}, {@code extensions.serviceName}), the
 * breaker opens and closes again, queries are retried and mutations are not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.gateway.resilience.timeout=1500ms", "zielwerk.gateway.resilience.minimum-calls=4",
				"zielwerk.gateway.resilience.open-duration=500ms", "zielwerk.gateway.resilience.half-open-calls=1",
				"zielwerk.gateway.resilience.retry-backoff=5ms", "zielwerk.gateway.subgraphs.products.timeout=3s",
				"zielwerk.gateway.subgraphs.stock.max-concurrent-requests=2",
				"zielwerk.gateway.deduplicate-subgraph-requests=false" })
@AutoConfigureWebTestClient
class SubgraphFaultsIT {

	static final String QUERY = "{ products { id name inStock } warehouse }";

	private static final TwoSubgraphs SUBGRAPHS = new TwoSubgraphs();

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@Autowired
	SubgraphGuards guards;

	@DynamicPropertySource
	static void supergraph(DynamicPropertyRegistry registry) throws IOException {
		String file = SUBGRAPHS.supergraph().toString();
		registry.add("zielwerk.gateway.supergraph", () -> file);
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	private static boolean warm;

	@BeforeEach
	void heal() {
		SUBGRAPHS.heal();
		if (!warm) {
			// the first requests pay for connections and class loading, not for faults
			for (int i = 0; i < 3; i++) {
				post(QUERY);
			}
			warm = true;
		}
		this.guards.circuitBreakers().getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void healthyBothSubgraphsAnswer() {
		JsonNode response = post(QUERY);
		assertThat(response.has("errors")).isFalse();
		assertThat(response.path("data").path("products").path(2).path("inStock").intValue()).isEqualTo(30);
		assertThat(response.path("data").path("warehouse").stringValue()).isEqualTo("Hamburg");
	}

	@Test
	void aSubgraphKilledMidTestCostsOnlyItsFields() {
		assertThat(post(QUERY).has("errors")).isFalse();
		SUBGRAPHS.stop("stock");
		JsonNode response = post(QUERY);
		assertProductsIntact(response);
		assertThat(response.path("data").path("warehouse").isNull()).isTrue();
		assertThat(errorPaths(response)).containsExactlyInAnyOrder("warehouse", "products.0.inStock",
				"products.1.inStock", "products.2.inStock");
		for (JsonNode error : response.path("errors")) {
			assertThat(error.path("extensions").path("code").stringValue()).isIn(ResilientSubgraphClient.HTTP_ERROR,
					ResilientSubgraphClient.CIRCUIT_OPEN);
			assertThat(error.path("extensions").path("serviceName").stringValue()).isEqualTo("stock");
		}
		SUBGRAPHS.start("stock");
		this.guards.circuitBreakers().circuitBreaker("stock").reset();
		assertThat(post(QUERY).has("errors")).isFalse();
	}

	@Test
	void aSlowSubgraphTimesOutAtItsTimeout() {
		SUBGRAPHS.delay("stock", Duration.ofSeconds(6));
		long started = System.nanoTime();
		JsonNode response = post(QUERY);
		long millis = (System.nanoTime() - started) / 1_000_000;
		assertProductsIntact(response);
		assertThat(codes(response)).containsOnly(ResilientSubgraphClient.TIMEOUT);
		assertThat(errorPaths(response)).contains("warehouse", "products.1.inStock");
		assertThat(response.path("errors").path(0).path("message").stringValue())
			.isEqualTo("HTTP fetch failed from 'stock': the request timed out after 1500 ms");
		// stock's 1.5 s (root and entity fetch may run one after the other) bounds the
		// answer well below the 6 s delay
		assertThat(millis).isLessThan(5000);
	}

	@Test
	void theBreakerOpensOnFailuresAndClosesAfterRecovery() throws InterruptedException {
		SUBGRAPHS.status("stock", 500);
		for (int i = 0; i < 4; i++) {
			assertProductsIntact(post(QUERY));
		}
		int calls = SUBGRAPHS.count("stock");
		JsonNode open = post(QUERY);
		assertProductsIntact(open);
		assertThat(codes(open)).containsOnly(ResilientSubgraphClient.CIRCUIT_OPEN);
		assertThat(errorPaths(open)).contains("warehouse", "products.0.inStock");
		assertThat(SUBGRAPHS.count("stock")).isEqualTo(calls);

		SUBGRAPHS.status("stock", null);
		// every answer meanwhile keeps the products; the first without errors is the
		// recovery
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
			JsonNode response = post(QUERY);
			assertProductsIntact(response);
			return response;
		}, (response) -> !response.has("errors"));
		assertThat(this.guards.circuitBreakers().circuitBreaker("stock").getState()).isIn(CircuitBreaker.State.CLOSED,
				CircuitBreaker.State.HALF_OPEN);
	}

	@Test
	void anHttpErrorIsReportedWithItsStatus() {
		SUBGRAPHS.status("stock", 500);
		JsonNode response = post("{ warehouse }");
		assertThat(response.path("errors").path(0).path("message").stringValue())
			.isEqualTo("HTTP fetch failed from 'stock': 500: Internal Server Error");
		assertThat(codes(response)).containsOnly(ResilientSubgraphClient.HTTP_ERROR);
		assertThat(errorPaths(response)).containsExactly("warehouse");
	}

	@Test
	void queriesAreRetriedOnceButMutationsNever() {
		SUBGRAPHS.status("stock", 503);
		int before = SUBGRAPHS.count("stock");
		post("{ warehouse }");
		assertThat(SUBGRAPHS.count("stock") - before).isEqualTo(2);
		before = SUBGRAPHS.count("stock");
		JsonNode mutation = post("mutation { restock(id: \"1\") }");
		assertThat(SUBGRAPHS.count("stock") - before).isEqualTo(1);
		assertThat(errorPaths(mutation)).containsExactly("restock");
	}

	@Test
	void theBulkheadRefusesWhatDoesNotFit() {
		SUBGRAPHS.delay("stock", Duration.ofMillis(500));
		List<JsonNode> responses = Flux.range(0, 10)
			.flatMap((i) -> Mono.fromCallable(() -> post("{ warehouse }")).subscribeOn(Schedulers.boundedElastic()), 10)
			.collectList()
			.block(Duration.ofSeconds(20));
		List<String> codes = new ArrayList<>();
		Objects.requireNonNull(responses).forEach((response) -> codes.addAll(codes(response)));
		assertThat(codes).contains(ResilientSubgraphClient.BULKHEAD_FULL);
		assertThat(responses.stream().filter((response) -> !response.has("errors"))).hasSizeGreaterThanOrEqualTo(2);
	}

	private static void assertProductsIntact(JsonNode response) {
		JsonNode products = response.path("data").path("products");
		assertThat(products.size()).isEqualTo(3);
		assertThat(products.path(0).path("name").stringValue()).isEqualTo("Table");
		assertThat(products.path(2).path("name").stringValue()).isEqualTo("Lamp");
	}

	private static List<String> errorPaths(JsonNode response) {
		List<String> paths = new ArrayList<>();
		for (JsonNode error : response.path("errors")) {
			List<String> segments = new ArrayList<>();
			error.path("path").forEach((segment) -> segments.add(segment.asString()));
			paths.add(String.join(".", segments));
		}
		return paths;
	}

	private static List<String> codes(JsonNode response) {
		List<String> codes = new ArrayList<>();
		response.path("errors").forEach((error) -> codes.add(error.path("extensions").path("code").stringValue()));
		return codes;
	}

	private JsonNode post(String query) {
		byte[] answer = this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(JSON.createObjectNode().put("query", query).toString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(Objects.requireNonNull(answer));
	}

}
