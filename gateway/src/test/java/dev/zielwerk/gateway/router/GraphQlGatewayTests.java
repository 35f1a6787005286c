package dev.zielwerk.gateway.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zielwerk.gateway.execute.PlanExecutor;
import dev.zielwerk.gateway.execute.SubgraphClient;
import dev.zielwerk.gateway.execute.SubgraphResponse;
import dev.zielwerk.gateway.fixture.KitSupergraphs;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class GraphQlGatewayTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final AtomicInteger calls = new AtomicInteger();

	private final SubgraphClient client = (subgraph, body) -> {
		this.calls.incrementAndGet();
		return Mono
			.just(new SubgraphResponse(200, "{\"data\":{\"me\":{\"name\":\"Uri\"}}}".getBytes(StandardCharsets.UTF_8)));
	};

	private final GraphQlGateway gateway = new GraphQlGateway(KitSupergraphs.REVIEWS,
			new PlanExecutor(KitSupergraphs.REVIEWS, this.client, JSON), JSON, 100);

	@Test
	void validationErrorsAreAnsweredWithLocationsAndCodeWithoutFetching() {
		ObjectNode response = execute("{ topProducts { name nope } }", null, false);
		assertThat(response.has("data")).isFalse();
		assertThat(response.path("errors")).hasSize(1);
		assertThat(response.path("errors").get(0).path("extensions").path("code").stringValue())
			.isEqualTo("GRAPHQL_VALIDATION_FAILED");
		assertThat(response.path("errors").get(0).path("locations").toString())
			.isEqualTo("[{\"line\":1,\"column\":22}]");
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void inaccessibleFieldsAreInvalidForClients() {
		GraphQlGateway shop = new GraphQlGateway(KitSupergraphs.SHOP,
				new PlanExecutor(KitSupergraphs.SHOP, this.client, JSON), JSON, 100);
		ObjectNode response = shop
			.execute(new GraphQlRequest("{ internalAudit }", null, JSON.createObjectNode(), false, true))
			.block();
		assertThat(response.path("errors").get(0).path("extensions").path("code").stringValue())
			.isEqualTo("GRAPHQL_VALIDATION_FAILED");
	}

	@Test
	void syntaxErrorsAreParseFailures() {
		ObjectNode response = execute("{ me { ", null, false);
		assertThat(response.path("errors").get(0).path("extensions").path("code").stringValue())
			.isEqualTo("GRAPHQL_PARSE_FAILED");
	}

	@Test
	void badVariablesAreBadUserInput() {
		ObjectNode response = execute("query($id: ID!) { user(id: $id) { name } }", null, false);
		assertThat(response.path("errors").get(0).path("extensions").path("code").stringValue())
			.isEqualTo("BAD_USER_INPUT");
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void severalOperationsNeedAName() {
		String document = "query A { me { name } } query B { me { id } }";
		assertThat(execute(document, null, false).path("errors").get(0).path("message").stringValue())
			.contains("operation name");
		assertThat(execute(document, "A", false).path("data").toString()).isEqualTo("{\"me\":{\"name\":\"Uri\"}}");
	}

	@Test
	void thePlanIsReturnedOnRequestAndReusedForTheSameOperation() {
		ObjectNode first = execute("{ me { name } }", null, true);
		ObjectNode second = execute("{ me { name } }", null, true);
		assertThat(first.path("extensions").path("queryPlan").stringValue()).contains("Fetch(service: \"accounts\")");
		assertThat(second.path("extensions").path("queryPlan").stringValue())
			.isEqualTo(first.path("extensions").path("queryPlan").stringValue());
		assertThat(execute("{ me { name } }", null, false).has("extensions")).isFalse();
	}

	@Test
	void documentsThatDifferOnlyInLayoutShareOnePlan() {
		execute("{ me { name } }", null, false);
		execute("# the same\n{\n  me {\n    name,\n  }\n}", null, false);
		assertThat(this.gateway.cachedPlans()).isEqualTo(1);
		execute("{ me { id } }", null, false);
		assertThat(this.gateway.cachedPlans()).isEqualTo(2);
	}

	@Test
	void skipAndIncludeValuesSelectTheirOwnPlans() {
		String query = "query($with: Boolean!) { me { ...F } } fragment F on User { name id @include(if: $with) }";
		for (boolean with : new boolean[] { true, false, true }) {
			ObjectNode variables = JSON.createObjectNode().put("with", with);
			ObjectNode response = this.gateway.execute(new GraphQlRequest(query, null, variables, true, true)).block();
			assertThat(response.path("extensions").path("queryPlan").stringValue().contains("id")).isEqualTo(with);
		}
		assertThat(this.gateway.cachedPlans()).isEqualTo(2);
	}

	@Test
	void mutationsAreRefusedWhereTheTransportForbidsThem() {
		GraphQlGateway shop = new GraphQlGateway(KitSupergraphs.SHOP,
				new PlanExecutor(KitSupergraphs.SHOP, this.client, JSON), JSON, 100);
		ObjectNode response = shop
			.execute(new GraphQlRequest("mutation { appendNote(text: \"x\") }", null, JSON.createObjectNode(), false,
					false))
			.block();
		assertThat(response.path("errors").get(0).path("message").stringValue()).contains("GET");
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void introspectionIsAnsweredFromTheApiSchema() {
		ObjectNode response = execute("{ __type(name: \"Product\") { name fields { name } } }", null, false);
		assertThat(response.path("data").path("__type").path("name").stringValue()).isEqualTo("Product");
		assertThat(response.path("data").path("__type").path("fields")).hasSize(9);
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void identicalClientQueriesInFlightShareOneExecutionWhenSwitchedOn() {
		assertThat(concurrentExecutions(true, "{ me { name } }")).isEqualTo(1);
	}

	@Test
	void clientQueriesAreNotSharedByDefault() {
		assertThat(concurrentExecutions(false, "{ me { name } }")).isEqualTo(2);
	}

	private int concurrentExecutions(boolean deduplicate, String query) {
		AtomicInteger subgraphCalls = new AtomicInteger();
		SubgraphClient slow = (subgraph, body) -> Mono.delay(Duration.ofMillis(50)).then(Mono.fromCallable(() -> {
			subgraphCalls.incrementAndGet();
			return new SubgraphResponse(200, "{\"data\":{\"me\":{\"name\":\"Uri\"}}}".getBytes(StandardCharsets.UTF_8));
		}));
		// subgraph deduplication off, so only the inbound kind can merge the two
		GraphQlGateway gateway = new GraphQlGateway(KitSupergraphs.REVIEWS,
				new PlanExecutor(KitSupergraphs.REVIEWS, slow, JSON, false), JSON, 100, deduplicate);
		GraphQlRequest request = new GraphQlRequest(query, null, JSON.createObjectNode(), false, true);
		var both = Mono.zip(gateway.execute(request), gateway.execute(request)).block();
		assertThat(both.getT1().toString()).isEqualTo("{\"data\":{\"me\":{\"name\":\"Uri\"}}}");
		assertThat(both.getT2().toString()).isEqualTo(both.getT1().toString());
		return subgraphCalls.get();
	}

	@Test
	void introspectionMixedWithOtherRootFieldsKeepsTheClientsOrder() {
		ObjectNode variables = JSON.createObjectNode().put("n", "User").put("yes", true);
		String query = """
				query Q($n: String!, $yes: Boolean!) { __type(name: $n) { name } me @include(if: $yes) { name } __typename
				  __schema { queryType { ...T } } }
				fragment T on __Type { name }
				""";
		ObjectNode response = this.gateway.execute(new GraphQlRequest(query, "Q", variables, false, true)).block();
		assertThat(response.toString()).isEqualTo("{\"data\":{\"__type\":{\"name\":\"User\"},"
				+ "\"me\":{\"name\":\"Uri\"},\"__typename\":\"Query\",\"__schema\":{\"queryType\":{\"name\":\"Query\"}}}}");
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void typenameAloneNeedsNoSubgraph() {
		assertThat(execute("{ __typename }", null, false).toString())
			.isEqualTo("{\"data\":{\"__typename\":\"Query\"}}");
		assertThat(this.calls).hasValue(0);
	}

	private ObjectNode execute(String query, @Nullable String operationName, boolean plan) {
		return this.gateway.execute(new GraphQlRequest(query, operationName, JSON.createObjectNode(), plan, true))
			.block();
	}

}
