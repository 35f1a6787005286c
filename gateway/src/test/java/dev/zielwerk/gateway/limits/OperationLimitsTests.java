package dev.zielwerk.gateway.limits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zielwerk.gateway.execute.PlanExecutor;
import dev.zielwerk.gateway.execute.SubgraphClient;
import dev.zielwerk.gateway.execute.SubgraphResponse;
import dev.zielwerk.gateway.fixture.KitSupergraphs;
import dev.zielwerk.gateway.operation.RequestError;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.router.GraphQlRequest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operation limits through the whole pipeline on the kit's reviews supergraph, with a
 * subgraph client that counts: nothing over a limit is fetched. Stress inputs as in
 * graphql-java's parser tests must be rejected quickly and without a StackOverflowError.
 */
class OperationLimitsTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration FAST = Duration.ofSeconds(5);

	private final AtomicInteger calls = new AtomicInteger();

	private final SubgraphClient client = (subgraph, body) -> {
		this.calls.incrementAndGet();
		return Mono.just(new SubgraphResponse(200,
				"{\"data\":{\"me\":{\"id\":\"1\",\"name\":\"Uri\"}}}".getBytes(StandardCharsets.UTF_8)));
	};

	@Test
	void tenThousandNestedLevelsAreRejectedByTheParserQuickly() {
		String query = "{ me ".repeat(10_000) + "}".repeat(10_000);
		assertRejectedFast(gateway(limits(100, 30, 20, 5000, 15_000)), query, "PARSER_RECURSION_LIMIT");
	}

	@Test
	void aHundredThousandAliasesAreRejectedByTheTokenLimitQuickly() {
		assertRejectedFast(gateway(limits(100, 30, 20, 5000, 15_000)), aliases(100_000), "PARSER_TOKEN_LIMIT");
	}

	@Test
	void aHundredThousandAliasesAreRejectedByTheAliasLimitBeforeValidationWhenTheParserAllowsThem() {
		ObjectNode response = assertRejectedFast(gateway(limits(100, 30, 1_000_000, 5000, 1_000_000)), aliases(100_000),
				ErrorCodes.MAX_ALIASES_EXCEEDED);
		assertThat(message(response)).contains("100000 aliases").contains("maximum is 30");
	}

	@Test
	void depthIsCountedThroughAChainOfAThousandFragments() {
		StringBuilder query = new StringBuilder("{ me { ...F0 } }");
		for (int i = 0; i < 1000; i++) {
			query.append(" fragment F")
				.append(i)
				.append(" on User { reviews { author { ...F")
				.append(i + 1)
				.append(" } } }");
		}
		query.append(" fragment F1000 on User { id }");
		ObjectNode response = assertRejectedFast(gateway(limits(100, 30, 20, 5000, 15_000)), query.toString(),
				ErrorCodes.MAX_DEPTH_EXCEEDED);
		assertThat(message(response)).contains("2002 fields deep").contains("maximum depth is 100");
	}

	@Test
	void fragmentsThatDoubleAtEveryLevelSaturateTheCountsAndAreRejected() {
		StringBuilder query = new StringBuilder("{ ...F60 } fragment F0 on Query { a: me { id } }");
		for (int i = 1; i <= 60; i++) {
			query.append(" fragment F")
				.append(i)
				.append(" on Query { ...F")
				.append(i - 1)
				.append(" ...F")
				.append(i - 1)
				.append(" }");
		}
		ObjectNode response = assertRejectedFast(gateway(limits(100, 30, 20, 5000, 15_000)), query.toString(),
				ErrorCodes.MAX_ALIASES_EXCEEDED);
		assertThat(response.path("errors").toString()).contains(ErrorCodes.MAX_ROOT_FIELDS_EXCEEDED);
	}

	@Test
	void fragmentCyclesTerminateAndAreValidationErrors() {
		String query = "{ me { ...A } } fragment A on User { reviews { author { ...B } } } fragment B on User { ...A }";
		assertRejectedFast(gateway(limits(100, 30, 20, 5000, 15_000)), query, "GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void depthAtTheLimitRunsAndOneLevelMoreThroughAFragmentIsRejected() {
		GraphQlGateway gateway = gateway(limits(4, 30, 20, 5000, 15_000));
		assertThat(execute(gateway, "{ me { reviews { author { name } } } }").has("data")).isTrue();
		this.calls.set(0);
		ObjectNode response = execute(gateway,
				"{ me { ...R } } fragment R on User { reviews { ... on Review { author { reviews { id } } } } }");
		assertThat(code(response)).isEqualTo(ErrorCodes.MAX_DEPTH_EXCEEDED);
		assertThat(message(response)).contains("is 5 fields deep").contains("maximum depth is 4");
		assertThat(response.path("errors").get(0).path("locations").toString())
			.isEqualTo("[{\"line\":1,\"column\":1}]");
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void rootFieldsAreCountedThroughFragments() {
		GraphQlGateway gateway = gateway(limits(100, 30, 2, 5000, 15_000));
		ObjectNode response = execute(gateway,
				"query Q { me { id } ...T } fragment T on Query { users { id } topProducts { upc } }");
		assertThat(code(response)).isEqualTo(ErrorCodes.MAX_ROOT_FIELDS_EXCEEDED);
		assertThat(message(response)).isEqualTo("Operation \"Q\" has 3 root fields; the maximum is 2.");
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void expensiveOperationsAreRejectedWithTheirEstimatedCost() {
		GraphQlGateway gateway = gateway(limits(100, 30, 20, 1000, 15_000));
		// topProducts 10 × (1 + reviews 10 × (1 + author 1 + reviews 10 × 1)) = 1210
		ObjectNode response = execute(gateway, "{ topProducts(first: 100) { reviews { author { reviews { id } } } } }");
		assertThat(code(response)).isEqualTo(ErrorCodes.COST_ESTIMATED_TOO_EXPENSIVE);
		assertThat(message(response)).isEqualTo("The operation's estimated cost is 1210; the maximum cost is 1000.");
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void nestedListsWhoseCostOverflowsAreRejected() {
		String query = "{ me " + "{ reviews { author ".repeat(25) + "{ id }" + " } }".repeat(25) + " }";
		ObjectNode response = assertRejectedFast(gateway(limits(100, 30, 20, 5000, 15_000)), query,
				ErrorCodes.COST_ESTIMATED_TOO_EXPENSIVE);
		assertThat(message(response)).contains("beyond measure");
	}

	@Test
	void introspectionCanBeSwitchedOffAlsoBehindFragments() {
		OperationGuard guard = new OperationGuard(KitSupergraphs.REVIEWS, LimitsProperties.defaults(), false);
		GraphQlGateway gateway = new GraphQlGateway(KitSupergraphs.REVIEWS,
				new PlanExecutor(KitSupergraphs.REVIEWS, this.client, JSON), JSON, 100, false, guard);
		assertThat(code(execute(gateway, "{ __schema { types { name } } }")))
			.isEqualTo(ErrorCodes.INTROSPECTION_DISABLED);
		assertThat(code(execute(gateway, "{ me { id } ...I } fragment I on Query { __type(name: \"User\") { name } }")))
			.isEqualTo(ErrorCodes.INTROSPECTION_DISABLED);
		assertThat(execute(gateway, "{ __typename }").path("data").path("__typename").stringValue()).isEqualTo("Query");
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void suggestionsAreMaskedOnlyWhenIntrospectionIsOff() {
		List<RequestError> errors = List.of(new RequestError(
				"Cannot query field \"nam\" on type \"User\". Did you mean \"name\"?", List.of(), "X"));
		assertThat(new OperationGuard(KitSupergraphs.REVIEWS, LimitsProperties.defaults(), false).mask(errors)
			.get(0)
			.message()).isEqualTo("Cannot query field \"nam\" on type \"User\".");
		assertThat(OperationGuard.defaults(KitSupergraphs.REVIEWS).mask(errors)).isEqualTo(errors);
	}

	@Test
	void unexpectedFailuresAreMaskedWithoutMessageOrClassName() {
		SubgraphClient failing = (subgraph, body) -> {
			throw new IllegalStateException("secret detail in dev.zielwerk.Internal");
		};
		GraphQlGateway gateway = new GraphQlGateway(KitSupergraphs.REVIEWS,
				new PlanExecutor(KitSupergraphs.REVIEWS, failing, JSON), JSON, 100);
		ObjectNode response = execute(gateway, "{ me { name } }");
		assertThat(response.toString()).doesNotContain("secret")
			.doesNotContain("IllegalStateException")
			.doesNotContain("dev.zielwerk");
		assertThat(response.path("errors")).isNotEmpty();
	}

	private ObjectNode assertRejectedFast(GraphQlGateway gateway, String query, String code) {
		long start = System.nanoTime();
		ObjectNode response = execute(gateway, query);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
		assertThat(response.has("data")).isFalse();
		assertThat(code(response)).isEqualTo(code);
		assertThat(this.calls).hasValue(0);
		return response;
	}

	private static String aliases(int count) {
		StringBuilder query = new StringBuilder("{");
		for (int i = 0; i < count; i++) {
			query.append(" a").append(i).append(": __typename");
		}
		return query.append(" }").toString();
	}

	private GraphQlGateway gateway(LimitsProperties limits) {
		return new GraphQlGateway(KitSupergraphs.REVIEWS, new PlanExecutor(KitSupergraphs.REVIEWS, this.client, JSON),
				JSON, 100, false, new OperationGuard(KitSupergraphs.REVIEWS, limits, true));
	}

	static LimitsProperties limits(int maxDepth, int maxAliases, int maxRootFields, long maxCost, int maxTokens) {
		return new LimitsProperties(DataSize.ofMegabytes(2), 10_000_000, maxTokens, 2_000_000, 500, maxDepth,
				maxAliases, maxRootFields, maxCost, 10, false, 10, true, List.of("apollo-require-preflight"), 50);
	}

	private static ObjectNode execute(GraphQlGateway gateway, String query) {
		return gateway.execute(new GraphQlRequest(query, null, JSON.createObjectNode(), false, true)).block();
	}

	private static String code(ObjectNode response) {
		return response.path("errors").path(0).path("extensions").path("code").asString("");
	}

	private static String message(ObjectNode response) {
		return response.path("errors").path(0).path("message").asString("");
	}

}
