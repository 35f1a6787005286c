package dev.zielwerk.gateway.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.zielwerk.gateway.composition.SubgraphSource;
import dev.zielwerk.gateway.composition.SupergraphComposer;
import dev.zielwerk.gateway.router.GraphQlGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * A supergraph file that changes under a running gateway: the new supergraph is swapped
 * in (a field only it has becomes queryable), a request in flight finishes on the old
 * one, and a broken file is rejected with a log line while the old one keeps serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.gateway.supergraph-reload.mode=poll",
				"zielwerk.gateway.supergraph-reload.interval=50ms", "zielwerk.gateway.resilience.timeout=10s" })
@AutoConfigureWebTestClient(timeout = "20s")
@ExtendWith(OutputCaptureExtension.class)
class SupergraphReloadIT {

	private static final TwoSubgraphs SUBGRAPHS = new TwoSubgraphs();

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Path FILE;

	private static final String BOTH;

	private static final String PRODUCTS_ONLY;

	static {
		try {
			BOTH = SupergraphComposer
				.compose(List.of(new SubgraphSource("products", SUBGRAPHS.url("products"), TwoSubgraphs.PRODUCTS_SDL),
						new SubgraphSource("stock", SUBGRAPHS.url("stock"), TwoSubgraphs.STOCK_SDL)))
				.supergraphSdlOrThrow();
			PRODUCTS_ONLY = SupergraphComposer
				.compose(List.of(new SubgraphSource("products", SUBGRAPHS.url("products"), TwoSubgraphs.PRODUCTS_SDL)))
				.supergraphSdlOrThrow();
			FILE = Files.createTempDirectory("supergraph-reload").resolve("supergraph.graphql");
			Files.writeString(FILE, PRODUCTS_ONLY);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Autowired
	WebTestClient client;

	@Autowired
	SupergraphReloader reloader;

	@DynamicPropertySource
	static void supergraph(DynamicPropertyRegistry registry) {
		registry.add("zielwerk.gateway.supergraph", FILE::toString);
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@AfterEach
	void restore() throws IOException {
		SUBGRAPHS.heal();
		write(PRODUCTS_ONLY);
		awaitField(false);
	}

	@Test
	void aChangedFileIsSwappedIn() throws IOException {
		assertThat(code(post("{ products { name inStock } }"))).isEqualTo("GRAPHQL_VALIDATION_FAILED");
		GraphQlGateway before = this.reloader.current();
		write(BOTH);
		awaitField(true);
		assertThat(this.reloader.current()).isNotSameAs(before);
		JsonNode response = post("{ products { name inStock } }");
		assertThat(response.has("errors")).isFalse();
		assertThat(response.path("data").path("products").path(1).path("inStock").intValue()).isEqualTo(20);
	}

	@Test
	void aRequestInFlightFinishesOnTheOldSupergraph() throws Exception {
		write(BOTH);
		awaitField(true);
		SUBGRAPHS.delay("stock", Duration.ofMillis(1500));
		int stockCalls = SUBGRAPHS.count("stock");
		CompletableFuture<JsonNode> inFlight = CompletableFuture
			.supplyAsync(() -> post("{ products { name inStock } }"));
		// in flight: the old pipeline already asked stock, which holds its answer back
		await().atMost(Duration.ofSeconds(5)).until(() -> SUBGRAPHS.count("stock") > stockCalls);
		write(PRODUCTS_ONLY);
		awaitField(false);
		JsonNode finished = inFlight.get();
		assertThat(finished.has("errors")).isFalse();
		assertThat(finished.path("data").path("products").path(0).path("inStock").intValue()).isEqualTo(10);
	}

	@Test
	void aBrokenFileIsRejectedAndTheOldSupergraphStays(CapturedOutput output) throws Exception {
		GraphQlGateway before = this.reloader.current();
		write("this is not a supergraph {");
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> output.getOut().contains("Rejected the changed supergraph"));
		assertThat(output.getOut()).contains("Rejected the changed supergraph", "still serving the previous one");
		assertThat(this.reloader.current()).isSameAs(before);
		assertThat(post("{ products { name } }").path("data").path("products").path(0).path("name").stringValue())
			.isEqualTo("Table");
	}

	/** Replaces the file at once, as a deployment does (write aside, rename). */
	private static void write(String sdl) throws IOException {
		Path aside = FILE.resolveSibling("supergraph.graphql.tmp");
		Files.writeString(aside, sdl);
		Files.move(aside, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private void awaitField(boolean present) {
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> !"GRAPHQL_VALIDATION_FAILED".equals(code(post("{ products { inStock } }"))) == present);
	}

	private static String code(JsonNode response) {
		return response.path("errors").path(0).path("extensions").path("code").asString("");
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
