package dev.zielwerk.gateway.apq;

import java.io.IOException;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Automatic persisted queries end to end on real Redis (a namespace of its own) and the
 * shop kit's fixture subgraphs, as an Apollo client uses them: hash first, text once on
 * {@code PERSISTED_QUERY_NOT_FOUND}, hash alone afterwards, also over GET.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PersistedQueriesIT {

	private static final ShopSubgraphs SUBGRAPHS = new ShopSubgraphs();

	private static final List<String> NAMES = List.of("catalog", "pricing", "reviews", "logistics", "accounts");

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	PersistedQueries queries;

	@Value("${zielwerk.redis.namespace}")
	String namespace;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		String file = new KitCase("shop").supergraphFor(SUBGRAPHS.port()).toString();
		registry.add("zielwerk.gateway.supergraph", () -> file);
		registry.add("spring.data.redis.url", () -> TestInfrastructure.get().redis().url());
		String namespace = "zwtest:apq:" + UUID.randomUUID().toString().substring(0, 8);
		registry.add("zielwerk.redis.namespace", () -> namespace);
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
	void anUnknownHashIsAnsweredNotFoundAndTheTextRegistersIt() {
		String query = "{ customers { id } } # " + UUID.randomUUID();
		String hash = Sha256.hex(query);
		JsonNode missing = post(request(null, hash));
		assertThat(code(missing)).isEqualTo(PersistedQueryCodes.NOT_FOUND);
		assertThat(missing.path("errors").get(0).path("message").stringValue()).isEqualTo("PersistedQueryNotFound");
		assertThat(subgraphRequests()).isZero();

		JsonNode registered = post(request(query, hash));
		assertThat(registered.path("data").path("customers")).isNotEmpty();
		assertThat(this.redis.opsForValue().get(this.namespace + ":gateway:apq:" + hash).block()).isEqualTo(query);
		assertThat(this.redis.getExpire(this.namespace + ":gateway:apq:" + hash).block()).isPositive();

		JsonNode byHash = post(request(null, hash));
		assertThat(byHash.path("data")).isEqualTo(registered.path("data"));
	}

	@Test
	void anotherInstanceFindsTheQueryInRedis() {
		String query = "{ customers { id } } # " + UUID.randomUUID();
		String hash = Sha256.hex(query);
		// registered by "another instance": straight into Redis, nothing in this one's
		// cache
		this.redis.opsForValue().set(this.namespace + ":gateway:apq:" + hash, query).block();
		assertThat(post(request(null, hash)).path("data").path("customers")).isNotEmpty();
	}

	@Test
	void aHashThatIsNotTheTextsIsRefused() {
		JsonNode response = post(request("{ customers { id } }", Sha256.hex("{ customers { name } }")));
		assertThat(code(response)).isEqualTo(PersistedQueryCodes.HASH_MISMATCH);
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void malformedExtensionsAreRefusedWithAClearCode() {
		ObjectNode wrongVersion = request("{ customers { id } }", Sha256.hex("{ customers { id } }"));
		((ObjectNode) wrongVersion.path("extensions").path("persistedQuery")).put("version", 2);
		assertThat(code(post(wrongVersion))).isEqualTo(PersistedQueryCodes.UNSUPPORTED_VERSION);
		assertThat(code(post(request("{ customers { id } }", "not-a-sha")))).isEqualTo("BAD_REQUEST");
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void aGetRunsAPersistedQueryButNeverAPersistedMutation() {
		String query = "{ customers { id } } # get " + UUID.randomUUID();
		String hash = Sha256.hex(query);
		post(request(query, hash));
		JsonNode answer = get(hash, 200);
		assertThat(answer.path("data").path("customers")).isNotEmpty();

		String mutation = "mutation { appendNote(text: \"x\") }";
		String mutationHash = Sha256.hex(mutation);
		this.redis.opsForValue().set(this.namespace + ":gateway:apq:" + mutationHash, mutation).block();
		SUBGRAPHS.resetCounts();
		assertThat(code(get(mutationHash, 405))).isEqualTo("METHOD_NOT_ALLOWED");
		assertThat(subgraphRequests()).isZero();
	}

	@Test
	void withoutTheExtensionNothingChanges() {
		assertThat(this.queries).isNotNull();
		assertThat(post(JSON.createObjectNode().put("query", "{ customers { id } }")).path("data").path("customers"))
			.isNotEmpty();
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

	private JsonNode get(String hash, int status) {
		String extensions = "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}";
		byte[] answer = this.client.get()
			.uri((uri) -> uri.path("/graphql").queryParam("extensions", "{e}").build(extensions))
			.header("apollo-require-preflight", "true")
			.exchange()
			.expectStatus()
			.isEqualTo(status)
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
