package dev.zielwerk.gateway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.zielwerk.gateway.execute.PlanExecutor;
import dev.zielwerk.gateway.fixture.KitCase;
import dev.zielwerk.gateway.fixture.KitSupergraphs;
import dev.zielwerk.gateway.fixture.ShopSubgraphs;
import dev.zielwerk.gateway.limits.ErrorCodes;
import dev.zielwerk.gateway.limits.OperationGuard;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.router.GraphQlRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against a running gateway configured as for production (introspection and
 * GraphiQL off): the probes of graphql-cop 1.15, graphql-java's parser stress cases,
 * fragment cycles and malformed bodies. Every probe must be answered with a 4xx or a
 * GraphQL error, never a 5xx, never a stack trace or a class name, without hanging, and
 * must reach no subgraph.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.gateway.introspection=false", "zielwerk.gateway.graphiql=false" })
@AutoConfigureWebTestClient
class HostileInputIT {

	private static final ShopSubgraphs SUBGRAPHS = new ShopSubgraphs();

	private static final JsonMapper JSON = JsonMapper.shared();

	/** What must never leave the gateway: exception and class names, stack frames. */
	private static final Pattern LEAK = Pattern
		.compile("(?i)(exception|throwable|stacktrace|\\bat [a-z_$][\\w$]*\\.[\\w$.]+\\(|\\.java:\\d|"
				+ "\\b(java|javax|jdk|sun|dev\\.zielwerk|graphql\\.(execution|parser|schema|validation)|"
				+ "reactor|io\\.netty|org\\.springframework|tools\\.jackson)\\.[a-z])");

	/**
	 * A hang detector, not a performance target (the machine running the tests may be
	 * busy); the figures are measured in the benchmarks.
	 */
	private static final Duration MAX_TIME = Duration.ofSeconds(10);

	@Autowired
	WebTestClient client;

	private final List<String> probes = new ArrayList<>();

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
	void graphqlCopProbesAreAllNegative() {
		// 1 field_suggestions: no "Did you mean" with introspection off
		JsonNode suggestions = graphQl("query cop { __schema { directive } }");
		assertThat(suggestions.toString()).doesNotContainIgnoringCase("did you mean");
		assertThat(suggestions.has("data")).isFalse();
		JsonNode typo = graphQl("{ customerz { id } }");
		assertThat(typo.toString()).doesNotContainIgnoringCase("did you mean").doesNotContain("customers");
		// 2 introspection
		assertThat(code(graphQl("query cop { __schema { types { name fields { name } } } }")))
			.isEqualTo(ErrorCodes.INTROSPECTION_DISABLED);
		assertThat(code(graphQl("{ ... on Query { __type(name: \"Query\") { fields { name } } } }")))
			.isEqualTo(ErrorCodes.INTROSPECTION_DISABLED);
		// 3 detect_graphiql
		probe(HttpMethod.GET, "/graphiql", null, (String) null, (status) -> assertThat(status).isEqualTo(404));
		// 4 get_method_support: a GET without a preflight header does not execute
		JsonNode get = get("{__typename}", null, (status) -> assertThat(status).isEqualTo(400));
		assertThat(code(get)).isEqualTo(ErrorCodes.CSRF_PREFLIGHT_REQUIRED);
		// 5 alias_overloading: 101 aliases
		StringBuilder aliases = new StringBuilder("query cop {");
		for (int i = 0; i <= 100; i++) {
			aliases.append(" alias").append(i).append(":__typename");
		}
		assertThat(code(graphQl(aliases.append(" }").toString()))).isEqualTo(ErrorCodes.MAX_ALIASES_EXCEEDED);
		// 6 batch_query: an array of 10
		String one = "{\"query\":\"query cop { __typename }\"}";
		JsonNode batch = probe(HttpMethod.POST, "/graphql", MediaType.APPLICATION_JSON,
				"[" + String.join(",", java.util.Collections.nCopies(10, one)) + "]",
				(status) -> assertThat(status).isEqualTo(400));
		assertThat(code(batch)).isEqualTo(ErrorCodes.BATCHING_NOT_ENABLED);
		// 7 trace_mode
		JsonNode typename = graphQl("query cop { __typename }");
		assertThat(typename.path("data").path("__typename").stringValue()).isEqualTo("Query");
		assertThat(typename.path("extensions").has("tracing")).isFalse();
		// 8 directive_overloading: ten unknown directives do not give ten errors, sixty
		// directives are refused before validation
		JsonNode overloaded = graphQl("query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }");
		assertThat(overloaded.path("errors").size()).isEqualTo(1);
		assertThat(overloaded.path("errors").get(0).path("locations").size()).isEqualTo(10);
		assertThat(overloaded.has("data")).isFalse();
		assertThat(code(graphQl("query cop { __typename" + " @include(if: true)".repeat(60) + " }")))
			.isEqualTo(ErrorCodes.MAX_DIRECTIVES_EXCEEDED);
		// 9 circular_query_introspection
		assertThat(code(graphQl("query cop { __schema { types { fields { type { fields { type { fields { type "
				+ "{ fields { type { name } } } } } } } } } } }")))
			.isEqualTo(ErrorCodes.INTROSPECTION_DISABLED);
		// 10 get_based_mutation, even with a preflight header
		JsonNode mutation = get("mutation cop { __typename }", "apollo-require-preflight",
				(status) -> assertThat(status).isEqualTo(405));
		assertThat(code(mutation)).isEqualTo(ErrorCodes.METHOD_NOT_ALLOWED);
		// 11 post_based_csrf: form-encoded and text/plain bodies
		for (MediaType type : List.of(MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN,
				MediaType.MULTIPART_FORM_DATA)) {
			JsonNode csrf = probe(HttpMethod.POST, "/graphql", type, "query=mutation%20cop%20%7B__typename%7D",
					(status) -> assertThat(status).isEqualTo(400));
			assertThat(code(csrf)).isEqualTo(ErrorCodes.CSRF_PREFLIGHT_REQUIRED);
		}
		// 12 unhandled_error_detection
		JsonNode unknown = graphQl("query cop { __typenamex }");
		assertThat(unknown.path("errors").get(0).path("extensions").has("exception")).isFalse();
		assertThat(SUBGRAPHS.requests("catalog") + SUBGRAPHS.requests("accounts")).isZero();
		assertThat(this.probes).hasSizeGreaterThan(15);
	}

	@Test
	void parserStressCasesAreRefusedByLimits() {
		assertThat(code(graphQl("{ a".repeat(10_000) + " }".repeat(10_000)))).isIn(ErrorCodes.PARSER_RECURSION_LIMIT,
				ErrorCodes.PARSER_TOKEN_LIMIT);
		assertThat(code(graphQl("{ customers { id } }" + " ".repeat(300_000)))).isIn(ErrorCodes.PARSER_TOKEN_LIMIT,
				ErrorCodes.PARSER_CHARACTER_LIMIT);
		assertThat(code(graphQl("query { __typename" + " @lol".repeat(10_000) + " }")))
			.isIn(ErrorCodes.PARSER_TOKEN_LIMIT, ErrorCodes.MAX_DIRECTIVES_EXCEEDED);
		assertThat(code(graphQl("{ " + "x".repeat(1_500_000) + " }"))).isIn(ErrorCodes.PARSER_CHARACTER_LIMIT,
				ErrorCodes.REQUEST_TOO_LARGE);
		StringBuilder deep = new StringBuilder();
		for (int i = 0; i < 150; i++) {
			deep.append("{ ... on Query ");
		}
		deep.append("{ __typename }").append(" }".repeat(150));
		// nested inline fragments add no field depth: answered, quickly
		assertThat(graphQl(deep.toString()).path("data").path("__typename").stringValue()).isEqualTo("Query");
		assertThat(code(graphQl("{ ... on Query ".repeat(1_000) + "{ __typename }" + " }".repeat(1_000))))
			.isIn(ErrorCodes.PARSER_RECURSION_LIMIT, ErrorCodes.PARSER_TOKEN_LIMIT);
		// a body over the 2 MB request limit
		JsonNode huge = probe(HttpMethod.POST, "/graphql", MediaType.APPLICATION_JSON,
				"{\"query\":\"{ __typename }\",\"variables\":{\"x\":\"" + "y".repeat(3 * 1024 * 1024) + "\"}}",
				(status) -> assertThat(status).isEqualTo(413));
		assertThat(code(huge)).isEqualTo(ErrorCodes.REQUEST_TOO_LARGE);
	}

	@Test
	void fragmentCyclesAndFragmentBombsAreRefused() {
		JsonNode cycle = graphQl(
				"query { ...A } fragment A on Query { ...B } fragment B on Query { customers { id } ...A }");
		assertThat(code(cycle)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
		assertThat(cycle.has("data")).isFalse();
		StringBuilder bomb = new StringBuilder("query { ...F0 }");
		bomb.append(" fragment F30 on Query { a: customers { id } }");
		for (int i = 29; i >= 0; i--) {
			bomb.append(" fragment F")
				.append(i)
				.append(" on Query { ...F")
				.append(i + 1)
				.append(" ...F")
				.append(i + 1)
				.append(" }");
		}
		assertThat(graphQl(bomb.toString()).has("data")).isFalse();
		StringBuilder deep = new StringBuilder("query { customers { id }");
		for (int i = 0; i < 120; i++) {
			deep.append(" items { reviews { item {");
		}
		assertThat(graphQl(deep.toString()).has("data")).isFalse();
		assertThat(SUBGRAPHS.requests("catalog") + SUBGRAPHS.requests("reviews")).isZero();
	}

	@Test
	void malformedBodiesGet400() {
		for (String body : List.of("", "{", "null", "42", "\"query\"", "{\"query\": 42}", "{\"query\": null}",
				"{\"query\":\"{ __typename }\",\"variables\":[1]}",
				"{\"query\":\"{ __typename }\",\"variables\":\"x\"}", "\u0000\u0001\u0002", "{\"query\":\"\\u0000\"}",
				"[]", "[1,2]", "{\"query\":\"{ __typename }\"," + "\"operationName\":{}}")) {
			probe(HttpMethod.POST, "/graphql", MediaType.APPLICATION_JSON, body,
					(status) -> assertThat(status).isBetween(200, 499));
		}
		probe(HttpMethod.POST, "/graphql", MediaType.APPLICATION_JSON,
				"{\"query\":\"query($v: Int!) { __typename }\",\"variables\":{\"v\":\"not an int\"}}",
				(status) -> assertThat(status).isEqualTo(200));
		JsonNode badVariables = probe(HttpMethod.GET, "/graphql?query={q}&variables={v}", null, null,
				"apollo-require-preflight", (status) -> assertThat(status).isEqualTo(400), "{__typename}", "{not-json");
		assertThat(badVariables.path("errors").get(0).path("message").stringValue()).contains("must be JSON");
		assertThat(SUBGRAPHS.requests("catalog")).isZero();
	}

	@Test
	void deepIntrospectionIsBoundedWhenIntrospectionIsOn() {
		// the same gateway pipeline with introspection on, as in development
		GraphQlGateway gateway = new GraphQlGateway(
				KitSupergraphs.SHOP, new PlanExecutor(KitSupergraphs.SHOP,
						(subgraph, body) -> Mono.error(new IllegalStateException()), JSON),
				JSON, 100, false, OperationGuard.defaults(KitSupergraphs.SHOP));
		StringBuilder ofType = new StringBuilder("{ __type(name: \"Query\") { fields { type ");
		for (int i = 0; i < 200; i++) {
			ofType.append("{ ofType ");
		}
		ofType.append("{ name }").append(" }".repeat(200)).append(" } } }");
		StringBuilder circular = new StringBuilder("{ __schema { types { fields { type { fields { type { fields { type "
				+ "{ fields { type { fields { type { name } } } } } } } } } } } } }");
		for (String query : List.of(ofType.toString(), circular.toString())) {
			long start = System.nanoTime();
			ObjectNode response = gateway.execute(new GraphQlRequest(query, null, JSON.createObjectNode(), false, true))
				.block(MAX_TIME);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MAX_TIME);
			assertThat(response.has("errors")).as(query).isTrue();
			assertThat(LEAK.matcher(response.toString()).find()).isFalse();
		}
	}

	private JsonNode graphQl(String query) {
		return probe(HttpMethod.POST, "/graphql", MediaType.APPLICATION_JSON,
				JSON.writeValueAsString(Map.of("query", query)), (status) -> assertThat(status).isIn(200, 400, 413));
	}

	private JsonNode probe(HttpMethod method, String uri, MediaType type, String body, Consumer<Integer> status) {
		return probe(method, uri, type, body, null, status, new Object[0]);
	}

	private JsonNode get(String query, String preflight, Consumer<Integer> status) {
		return probe(HttpMethod.GET, "/graphql?query={q}", null, null, preflight, status, query);
	}

	private JsonNode probe(HttpMethod method, String uri, MediaType type, String body, String preflight,
			Consumer<Integer> status, Object... uriVariables) {
		long start = System.nanoTime();
		WebTestClient.RequestBodySpec spec = this.client.method(method).uri(uri, uriVariables);
		if (type != null) {
			spec.contentType(type);
		}
		if (preflight != null) {
			spec.header(preflight, "true");
		}
		WebTestClient.RequestHeadersSpec<?> request = (body != null) ? spec.bodyValue(body) : spec;
		EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		int code = result.getStatus().value();
		byte[] bytes = (result.getResponseBody() != null) ? result.getResponseBody() : new byte[0];
		String text = new String(bytes, StandardCharsets.UTF_8);
		String what = method + " " + uri + " " + java.util.Arrays.toString(uriVariables) + " "
				+ ((body != null) ? body.substring(0, Math.min(80, body.length())) : "");
		this.probes.add(what);
		assertThat(code).as(what).isLessThan(500);
		status.accept(code);
		assertThat(took).as(what).isLessThan(MAX_TIME);
		assertThat(LEAK.matcher(text).find()).as(what + " leaks: " + text).isFalse();
		if (code == 404) {
			return JSON.createObjectNode();
		}
		JsonNode json = JSON.readTree(bytes);
		assertThat(json.isObject()).as(what).isTrue();
		if (code != 200 || !json.has("data")) {
			assertThat(json.path("errors").isArray()).as(what).isTrue();
		}
		return json;
	}

	private static String code(JsonNode response) {
		return response.path("errors").path(0).path("extensions").path("code").asString("");
	}

}
