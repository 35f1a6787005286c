package dev.zielwerk.gateway.telemetry;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.zielwerk.gateway.apq.Sha256;
import dev.zielwerk.gateway.resilience.TwoSubgraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Telemetry end to end: the caller's trace id reaches every subgraph fetch with a span id
 * of its own (and a trace is started when the caller sent none), the Prometheus endpoint
 * shows request, error, subgraph-fetch and plan-cache meters after requests, and the
 * request log names the operation and its hash but never the variables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.gateway.resilience.timeout=10s", "zielwerk.gateway.resilience.retry-attempts=1" })
@AutoConfigureWebTestClient(timeout = "20s")
@ExtendWith(OutputCaptureExtension.class)
class TelemetryIT {

	private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

	private static final String QUERY = "query Inventory { products { name inStock } warehouse }";

	private static final TwoSubgraphs SUBGRAPHS = new TwoSubgraphs();

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void supergraph(DynamicPropertyRegistry registry) throws IOException {
		String file = SUBGRAPHS.supergraph().toString();
		registry.add("zielwerk.gateway.supergraph", () -> file);
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@BeforeEach
	void heal() {
		SUBGRAPHS.heal();
	}

	@Test
	void theCallersTraceReachesEverySubgraphFetch() {
		int products = SUBGRAPHS.traceparents("products").size();
		int stock = SUBGRAPHS.traceparents("stock").size();
		String answered = this.client.post()
			.uri("/graphql")
			.header("traceparent", "00-" + TRACE + "-b7ad6b7169203331-01")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(JSON.createObjectNode().put("query", QUERY).toString())
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("traceparent");
		assertThat(answered).startsWith("00-" + TRACE + "-");
		List<String> seen = new ArrayList<>(
				SUBGRAPHS.traceparents("products").subList(products, SUBGRAPHS.traceparents("products").size()));
		seen.addAll(SUBGRAPHS.traceparents("stock").subList(stock, SUBGRAPHS.traceparents("stock").size()));
		// products, then stock's root and entity fetch
		assertThat(seen).hasSize(3)
			.allSatisfy((traceparent) -> assertThat(traceparent).matches("00-" + TRACE + "-[0-9a-f]{16}-01")
				.doesNotContain("b7ad6b7169203331"));
		assertThat(seen.stream().map((t) -> t.substring(36, 52)).distinct()).hasSize(3);
	}

	@Test
	void aTraceIsStartedWhenTheCallerSentNone() {
		int stock = SUBGRAPHS.traceparents("stock").size();
		post(QUERY, JSON.createObjectNode());
		List<String> seen = SUBGRAPHS.traceparents("stock").subList(stock, SUBGRAPHS.traceparents("stock").size());
		assertThat(seen).hasSize(2).allSatisfy((t) -> assertThat(t).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
		assertThat(seen.get(0).substring(3, 35)).isEqualTo(seen.get(1).substring(3, 35));
	}

	@Test
	void metricsAppearAfterRequests() {
		post(QUERY, JSON.createObjectNode());
		post(QUERY, JSON.createObjectNode());
		SUBGRAPHS.stop("stock");
		post(QUERY, JSON.createObjectNode());
		String metrics = this.client.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(metrics)
			.contains("zielwerk_gateway_requests_seconds_count{operation=\"Inventory\",outcome=\"success\"}")
			.contains("zielwerk_gateway_requests_seconds_count{operation=\"Inventory\",outcome=\"error\"}")
			.contains("zielwerk_gateway_errors_total{code=\"SUBREQUEST_HTTP_ERROR\"}")
			.contains("zielwerk_gateway_subgraph_fetches_seconds_count{outcome=\"success\",subgraph=\"stock\"}")
			.contains(
					"zielwerk_gateway_subgraph_fetches_seconds_count{outcome=\"SUBREQUEST_HTTP_ERROR\",subgraph=\"stock\"}")
			.contains("zielwerk_gateway_plan_cache_total{result=\"hit\"}")
			.contains("zielwerk_gateway_plan_cache_total{result=\"miss\"}")
			.contains("resilience4j_circuitbreaker_state{name=\"stock\"");
		assertThat(value(metrics, "zielwerk_gateway_plan_cache_total{result=\"hit\"}")).isGreaterThanOrEqualTo(2);
	}

	@Test
	void theRequestLogNamesTheOperationAndItsHashButNoVariables(CapturedOutput output) throws InterruptedException {
		SUBGRAPHS.stop("stock");
		post("mutation Restock($id: ID!) { restock(id: $id) }",
				JSON.createObjectNode().put("id", "jane.doe@example.com"));
		String expected = "operation=Restock hash=" + Sha256.hex("mutation Restock($id: ID!) { restock(id: $id) }");
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> output.getOut().contains(expected));
		assertThat(output.getOut()).contains(expected)
			.contains("errors=SUBREQUEST_HTTP_ERROR")
			.doesNotContain("jane.doe@example.com");
	}

	private static double value(String metrics, String series) {
		for (String line : metrics.split("\n")) {
			if (line.startsWith(series)) {
				return Double.parseDouble(line.substring(series.length()).trim());
			}
		}
		return -1;
	}

	private JsonNode post(String query, ObjectNode variables) {
		ObjectNode body = JSON.createObjectNode().put("query", query);
		body.set("variables", variables);
		byte[] answer = this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.toString())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(Objects.requireNonNull(answer));
	}

}
