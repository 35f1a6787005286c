package dev.zielwerk.gateway.apq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.zielwerk.gateway.fixture.KitCase;
import dev.zielwerk.gateway.fixture.ShopSubgraphs;
import dev.zielwerk.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * Safelist mode: operations of the startup manifest (Apollo's manifest format) run by id
 * or by their exact text, operations registered through the admin path run on every
 * instance (Redis), everything else is refused before any subgraph is called.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.gateway.persisted-queries.safelist=true",
				"zielwerk.gateway.persisted-queries.admin-token=" + SafelistIT.TOKEN })
@AutoConfigureWebTestClient
class SafelistIT {

	static final String TOKEN = "test-admin-token";

	static final String LISTED = "query Customers { customers { id } }";

	private static final ShopSubgraphs SUBGRAPHS = new ShopSubgraphs();

	private static final List<String> NAMES = List.of("catalog", "pricing", "reviews", "logistics", "accounts");

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		String file = new KitCase("shop").supergraphFor(SUBGRAPHS.port()).toString();
		registry.add("zielwerk.gateway.supergraph", () -> file);
		registry.add("spring.data.redis.url", () -> TestInfrastructure.get().redis().url());
		String namespace = "zwtest:safelist:" + UUID.randomUUID().toString().substring(0, 8);
		registry.add("zielwerk.redis.namespace", () -> namespace);
		Path manifest = Files.createTempFile("manifest", ".json");
		manifest.toFile().deleteOnExit();
		Files.writeString(manifest, manifest(List.of("customers-v1"), List.of(LISTED)));
		registry.add("zielwerk.gateway.persisted-queries.manifest", manifest::toString);
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
	void aListedOperationRunsByIdAndByItsText() {
		assertThat(post(request(null, "customers-v1")).path("data").path("customers")).isNotEmpty();
		assertThat(post(JSON.createObjectNode().put("query", LISTED)).path("data").path("customers")).isNotEmpty();
		assertThat(post(request(LISTED, Sha256.hex(LISTED))).path("data").path("customers")).isNotEmpty();
	}

	@Test
	void anythingElseIsRefusedBeforeAnySubgraphIsCalled() {
		assertThat(code(post(JSON.createObjectNode().put("query", "{ customers { id name } }"))))
			.isEqualTo(PersistedQueryCodes.NOT_IN_LIST);
		assertThat(code(post(request(null, "unknown-id")))).isEqualTo(PersistedQueryCodes.NOT_IN_LIST);
		// a client cannot register an operation by sending its text with its hash
		String query = "{ customers { name } }";
		assertThat(code(post(request(query, Sha256.hex(query))))).isEqualTo(PersistedQueryCodes.NOT_IN_LIST);
		assertThat(code(post(request(null, Sha256.hex(query))))).isEqualTo(PersistedQueryCodes.NOT_IN_LIST);
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void theAdminPathRegistersOperationsAndNeedsTheToken() {
		String query = "query Names { customers { id name } }";
		String manifest = manifest(List.of("names-v1"), List.of(query));
		this.client.post()
			.uri("/admin/persisted-queries")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(manifest)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.post()
			.uri("/admin/persisted-queries")
			.header("Authorization", "Bearer wrong")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(manifest)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(code(post(request(null, "names-v1")))).isEqualTo(PersistedQueryCodes.NOT_IN_LIST);
		this.client.post()
			.uri("/admin/persisted-queries")
			.header("Authorization", "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"format\":\"apollo-persisted-query-manifest\",\"version\":2,\"operations\":[]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error")
			.value((message) -> assertThat(message.toString()).contains("only version 1"));
		this.client.post()
			.uri("/admin/persisted-queries")
			.header("Authorization", "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(manifest)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.registered")
			.isEqualTo(1);
		assertThat(post(request(null, "names-v1")).path("data").path("customers").path(0).has("name")).isTrue();
	}

	static String manifest(List<String> ids, List<String> bodies) {
		ObjectNode manifest = JSON.createObjectNode()
			.put("format", "apollo-persisted-query-manifest")
			.put("version", 1);
		var operations = manifest.putArray("operations");
		for (int i = 0; i < ids.size(); i++) {
			operations.addObject()
				.put("id", ids.get(i))
				.put("name", "op" + i)
				.put("type", "query")
				.put("body", bodies.get(i));
		}
		return JSON.writeValueAsString(manifest);
	}

	private static ObjectNode request(String query, String hash) {
		ObjectNode request = JSON.createObjectNode();
		if (query != null) {
			request.put("query", query);
		}
		request.putObject("extensions").putObject("persistedQuery").put("version", 1).put("sha256Hash", hash);
		return request;
	}

	private JsonNode post(ObjectNode body) {
		byte[] answer = this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(JSON.writeValueAsString(body))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(Objects.requireNonNull(answer));
	}

	private static String code(JsonNode response) {
		return response.path("errors").path(0).path("extensions").path("code").asString("");
	}

	private static int subgraphRequests() {
		return NAMES.stream().mapToInt(SUBGRAPHS::requests).sum();
	}

}
