package dev.zielwerk.gateway.execute;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zielwerk.gateway.fixture.KitCase;
import dev.zielwerk.gateway.fixture.KitSupergraphs;
import dev.zielwerk.gateway.fixture.Plans;
import dev.zielwerk.gateway.plan.QueryPlan;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

class PlanExecutorTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	@Test
	void nonNullFieldErrorNullsTheNearestNullableParentAndIsRepathedIntoTheClientPath() {
		ObjectNode response = execute(KitSupergraphs.REVIEWS, "{ topProducts { upc restockDate } }",
				Map.of("products", """
						{"data":{"topProducts":[{"upc":"1","__typename":"Product"},{"upc":"2","__typename":"Product"},
						 {"upc":"3","__typename":"Product"}]}}""", "inventory", """
						{"data":{"_entities":[{"restockDate":"a"},{"restockDate":null},{"restockDate":"c"}]},
						 "errors":[{"message":"no restock date","path":["_entities",1,"restockDate"],
						  "locations":[{"line":1,"column":2}],"extensions":{"stacktrace":["x"]}}]}"""));
		assertThat(JSON.writeValueAsString(response)).isEqualTo("""
				{"errors":[{"message":"no restock date","path":["topProducts",1,"restockDate"],\
				"extensions":{"code":"DOWNSTREAM_SERVICE_ERROR","serviceName":"inventory"}}],\
				"data":{"topProducts":[{"upc":"1","restockDate":"a"},null,{"upc":"3","restockDate":"c"}]}}""");
	}

	@Test
	void nullInANonNullPositionWithoutASubgraphErrorGetsExactlyOneError() {
		ObjectNode response = execute(KitSupergraphs.REVIEWS, "{ topProducts { upc restockDate } }",
				Map.of("products", """
						{"data":{"topProducts":[{"upc":"1","__typename":"Product"}]}}""", "inventory", """
						{"data":{"_entities":[{}]}}"""));
		assertThat(JSON.writeValueAsString(response)).isEqualTo("""
				{"errors":[{"message":"Cannot return null for non-nullable field Product.restockDate.",\
				"path":["topProducts",0,"restockDate"]}],"data":{"topProducts":[null]}}""");
	}

	@Test
	void nullsPropagateThroughNonNullListsUpToTheData() {
		ObjectNode response = execute(KitSupergraphs.SHOP, "{ customers { id email } }", Map.of("accounts", """
				{"data":{"customers":[{"id":"c1","email":"a@b"},{"id":"c2","email":null}]},
				 "errors":[{"message":"no email","path":["customers",1,"email"]}]}"""));
		assertThat(JSON.writeValueAsString(response)).isEqualTo("""
				{"errors":[{"message":"no email","path":["customers",1,"email"],\
				"extensions":{"code":"DOWNSTREAM_SERVICE_ERROR","serviceName":"accounts"}}],"data":null}""");
	}

	@Test
	void nullableFieldErrorKeepsTheRestOfTheObject() {
		ObjectNode response = execute(KitSupergraphs.REVIEWS, "{ topProducts { upc warehouseNote } }", Map
			.of("products", """
					{"data":{"topProducts":[{"upc":"1","__typename":"Product"},{"upc":"2","__typename":"Product"}]}}""",
					"inventory", """
							{"data":{"_entities":[{"warehouseNote":"aisle 1"},{"warehouseNote":null}]},
							 "errors":[{"message":"locked","path":["_entities",1,"warehouseNote"]}]}"""));
		assertThat(response.path("data").toString())
			.isEqualTo("{\"topProducts\":[{\"upc\":\"1\",\"warehouseNote\":\"aisle 1\"},"
					+ "{\"upc\":\"2\",\"warehouseNote\":null}]}");
		assertThat(response.path("errors").get(0).path("path").toString())
			.isEqualTo("[\"topProducts\",1,\"warehouseNote\"]");
	}

	@Test
	void equalRepresentationsAreSentOnceAndTheResultReachesEveryObject() {
		ObjectNode response = execute(KitSupergraphs.REVIEWS, "{ topProducts { upc warehouseNote } }", Map
			.of("products", """
					{"data":{"topProducts":[{"upc":"1","__typename":"Product"},{"upc":"1","__typename":"Product"}]}}""",
					"inventory", """
							{"data":{"_entities":[{"warehouseNote":null}]},
							 "errors":[{"message":"locked","path":["_entities",0,"warehouseNote"]}]}"""));
		String inventoryRequest = this.requests.stream()
			.filter((r) -> r.startsWith("inventory"))
			.findFirst()
			.orElseThrow();
		assertThat(inventoryRequest).contains("\"representations\":[{\"__typename\":\"Product\",\"upc\":\"1\"}]");
		assertThat(response.path("errors")).hasSize(2);
		assertThat(response.path("errors").get(0).path("path").toString())
			.isEqualTo("[\"topProducts\",0,\"warehouseNote\"]");
		assertThat(response.path("errors").get(1).path("path").toString())
			.isEqualTo("[\"topProducts\",1,\"warehouseNote\"]");
	}

	@Test
	void aFailedSubgraphLeavesPartialDataAndOneError() {
		Supergraph supergraph = KitSupergraphs.REVIEWS;
		QueryPlan plan = Plans.plan(supergraph, "{ topProducts { name restockDate } }");
		SubgraphClient client = (subgraph, body) -> subgraph.name().equals("inventory")
				? Mono.error(new IOException("Connection refused")) : Mono.just(response("""
						{"data":{"topProducts":[{"name":"Table","__typename":"Product","upc":"1"}]}}"""));
		ObjectNode response = new PlanExecutor(supergraph, client, JSON).execute(plan, JSON.createObjectNode()).block();
		assertThat(JSON.writeValueAsString(response)).isEqualTo(
				"""
						{"errors":[{"message":"HTTP fetch failed from 'inventory': Connection refused",\
						"path":["topProducts",0,"restockDate"],\
						"extensions":{"code":"SUBREQUEST_HTTP_ERROR","serviceName":"inventory"}}],"data":{"topProducts":[null]}}""");
	}

	@Test
	void aSubgraphAnsweringWithoutGraphQlIsAFailedFetch() {
		Supergraph supergraph = KitSupergraphs.REVIEWS;
		QueryPlan plan = Plans.plan(supergraph, "{ me { name } }");
		SubgraphClient client = (subgraph, body) -> Mono
			.just(new SubgraphResponse(502, "Bad Gateway".getBytes(StandardCharsets.UTF_8)));
		ObjectNode response = new PlanExecutor(supergraph, client, JSON).execute(plan, JSON.createObjectNode()).block();
		assertThat(response.path("data").toString()).isEqualTo("{\"me\":null}");
		assertThat(response.path("errors").get(0).path("message").stringValue()).contains("HTTP 502");
	}

	@Test
	void responseFieldsFollowTheClientsOrderAndHideFieldsFetchedOnlyForThePlan() {
		ObjectNode response = execute(KitSupergraphs.REVIEWS, "{ topProducts { shippingEstimate name } }", Map.of(
				"products",
				"""
						{"data":{"topProducts":[{"__typename":"Product","weight":100,"price":899,"upc":"1","name":"Table"}]}}""",
				"inventory", """
						{"data":{"_entities":[{"shippingEstimate":50}]}}"""));
		assertThat(JSON.writeValueAsString(response))
			.isEqualTo("{\"data\":{\"topProducts\":[{\"shippingEstimate\":50,\"name\":\"Table\"}]}}");
		String inventoryRequest = this.requests.stream()
			.filter((r) -> r.startsWith("inventory"))
			.findFirst()
			.orElseThrow();
		assertThat(inventoryRequest)
			.contains("{\"__typename\":\"Product\",\"upc\":\"1\",\"price\":899,\"weight\":100}");
	}

	@Test
	void variablesAreForwardedOnlyToTheFetchesThatUseThem() {
		Supergraph supergraph = KitSupergraphs.REVIEWS;
		QueryPlan plan = Plans.plan(supergraph, "query($id: ID!) { user(id: $id) { name reviews { body } } }",
				Map.of("id", "2"));
		ObjectNode variables = JSON.createObjectNode().put("id", "2");
		SubgraphClient client = recording(Map.of("accounts", """
				{"data":{"user":{"name":"Dotan","__typename":"User","id":"2"}}}""", "reviews", """
				{"data":{"_entities":[{"reviews":[{"body":"b"}]}]}}"""));
		ObjectNode response = new PlanExecutor(supergraph, client, JSON).execute(plan, variables).block();
		assertThat(response.path("data").toString())
			.isEqualTo("{\"user\":{\"name\":\"Dotan\",\"reviews\":[{\"body\":\"b\"}]}}");
		assertThat(this.requests)
			.anySatisfy((r) -> assertThat(r).startsWith("accounts").contains("\"variables\":{\"id\":\"2\"}"));
		assertThat(this.requests)
			.anySatisfy((r) -> assertThat(r).startsWith("reviews").doesNotContain("\"id\":\"2\"}}"));
	}

	@Test
	void noEntityFetchIsSentWhenThereIsNothingToFetchFor() {
		ObjectNode response = execute(KitSupergraphs.REVIEWS, "{ user(id: \"9\") { name reviews { body } } }",
				Map.of("accounts", "{\"data\":{\"user\":null}}"));
		assertThat(JSON.writeValueAsString(response)).isEqualTo("{\"data\":{\"user\":null}}");
		assertThat(this.requests).hasSize(1);
	}

	@Test
	void fieldsSentUnderAnAliasAreAnsweredUnderTheClientsKey() {
		Supergraph supergraph = SupergraphLoader.parse(KitSupergraphs.sdl("reviews")
			.replace("  me: User @join__field(graph: ACCOUNTS)",
					"  me: User @join__field(graph: ACCOUNTS)\n  accounts: [Account!]! @join__field(graph: ACCOUNTS)")
			.replace("type Query\n", """
					interface Account @join__type(graph: ACCOUNTS) { id: ID }
					type Admin implements Account @join__implements(graph: ACCOUNTS, interface: "Account") \
					@join__type(graph: ACCOUNTS) { id: ID }
					type Member implements Account @join__implements(graph: ACCOUNTS, interface: "Account") \
					@join__type(graph: ACCOUNTS) { id: ID @join__field(graph: ACCOUNTS, type: "ID!") }
					type Query
					"""));
		QueryPlan plan = Plans.plan(supergraph, "{ accounts { ... on Member { id } ... on Admin { id } } }");
		SubgraphClient client = recording(Map.of("accounts", """
				{"data":{"accounts":[{"__typename":"Member","__zw_0_id":"m1"},{"__typename":"Admin","id":"a1"}]}}"""));
		ObjectNode response = new PlanExecutor(supergraph, client, JSON).execute(plan, JSON.createObjectNode()).block();
		assertThat(this.requests).singleElement()
			.satisfies((r) -> assertThat(r).contains("...on Member{__zw_0_id:id}"));
		assertThat(JSON.writeValueAsString(response))
			.isEqualTo("{\"data\":{\"accounts\":[{\"id\":\"m1\"},{\"id\":\"a1\"}]}}");
	}

	@Test
	void anEnumValueTheClientsSchemaDoesNotHaveIsAnsweredAsNullWithAnError() {
		Supergraph supergraph = SupergraphLoader.parse(KitSupergraphs.sdl("shop")
			.replace("  customers: [Customer!]! @join__field(graph: ACCOUNTS)",
					"  customers: [Customer!]! @join__field(graph: ACCOUNTS)\n"
							+ "  tiers: [Tier] @join__field(graph: ACCOUNTS)")
			.replace("type Customer\n", """
					enum Tier @join__type(graph: ACCOUNTS) {
					  GOLD @join__enumValue(graph: ACCOUNTS)
					  STAFF @inaccessible @join__enumValue(graph: ACCOUNTS)
					}
					type Customer
					"""));
		ObjectNode response = execute(supergraph, "{ tiers }",
				Map.of("accounts", "{\"data\":{\"tiers\":[\"GOLD\",\"STAFF\",\"UNKNOWN\"]}}"));
		assertThat(response.path("data").toString()).isEqualTo("{\"tiers\":[\"GOLD\",null,null]}");
		assertThat(KitCase.errorPaths(response)).containsExactly("[\"tiers\",1]", "[\"tiers\",2]");
	}

	@Test
	void identicalInFlightQueriesShareOneSubgraphRequest() {
		assertThat(concurrentCallsOfTheSameQuery(true)).isEqualTo(1);
	}

	@Test
	void sharingInFlightQueriesCanBeSwitchedOff() {
		assertThat(concurrentCallsOfTheSameQuery(false)).isEqualTo(2);
	}

	@Test
	void mutationsAreNeverShared() {
		Supergraph supergraph = KitSupergraphs.SHOP;
		QueryPlan plan = Plans.plan(supergraph, "mutation { appendNote(text: \"a\") }");
		AtomicInteger calls = new AtomicInteger();
		SubgraphClient client = (subgraph, body) -> Mono.delay(Duration.ofMillis(50)).then(Mono.fromCallable(() -> {
			calls.incrementAndGet();
			return response("{\"data\":{\"appendNote\":[\"a\"]}}");
		}));
		PlanExecutor executor = new PlanExecutor(supergraph, client, JSON, true);
		Mono.zip(executor.execute(plan, JSON.createObjectNode()), executor.execute(plan, JSON.createObjectNode()))
			.block();
		assertThat(calls).hasValue(2);
	}

	private int concurrentCallsOfTheSameQuery(boolean deduplicate) {
		Supergraph supergraph = KitSupergraphs.REVIEWS;
		QueryPlan plan = Plans.plan(supergraph, "{ me { name } }");
		AtomicInteger calls = new AtomicInteger();
		SubgraphClient client = (subgraph, body) -> Mono.delay(Duration.ofMillis(50)).then(Mono.fromCallable(() -> {
			calls.incrementAndGet();
			return response("{\"data\":{\"me\":{\"name\":\"Uri\"}}}");
		}));
		PlanExecutor executor = new PlanExecutor(supergraph, client, JSON, deduplicate);
		var both = Mono
			.zip(executor.execute(plan, JSON.createObjectNode()), executor.execute(plan, JSON.createObjectNode()))
			.block();
		assertThat(both.getT1().toString()).isEqualTo("{\"data\":{\"me\":{\"name\":\"Uri\"}}}");
		assertThat(both.getT2().toString()).isEqualTo(both.getT1().toString());
		return calls.get();
	}

	private ObjectNode execute(Supergraph supergraph, String query, Map<String, String> answers) {
		QueryPlan plan = Plans.plan(supergraph, query);
		return new PlanExecutor(supergraph, recording(answers), JSON).execute(plan, JSON.createObjectNode()).block();
	}

	private SubgraphClient recording(Map<String, String> answers) {
		return (subgraph, body) -> {
			this.requests.add(subgraph.name() + " " + new String(body, StandardCharsets.UTF_8));
			String answer = answers.get(subgraph.name());
			return (answer != null) ? Mono.just(response(answer)) : Mono.error(new IOException("unexpected"));
		};
	}

	private static SubgraphResponse response(String json) {
		JsonNode tree = JSON.readTree(json);
		return new SubgraphResponse(200, JSON.writeValueAsBytes(tree));
	}

}
