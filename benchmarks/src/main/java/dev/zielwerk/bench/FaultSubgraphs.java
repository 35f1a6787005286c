package dev.zielwerk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two subgraphs of the fault benchmark (graphql-java on Reactor Netty, loopback):
 * {@code products} (root {@code products}, {@code Product.name}) and {@code stock}
 * ({@code Product.inStock} through {@code _entities}, root {@code warehouse}). Their
 * federation SDLs are {@link #PRODUCTS_SDL} and {@link #STOCK_SDL}.
 */
final class FaultSubgraphs implements AutoCloseable {

	static final String PRODUCTS_SDL = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
			type Query { products: [Product] }
			type Product @key(fields: "id") { id: ID! name: String }
			""";

	static final String STOCK_SDL = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
			type Query { warehouse: String }
			type Product @key(fields: "id") { id: ID! inStock: Int }
			""";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	static final List<Map<String, Object>> PRODUCTS = List.of(Map.of("id", "1", "name", "Table"),
			Map.of("id", "2", "name", "Chair"), Map.of("id", "3", "name", "Lamp"));

	private final DisposableServer products;

	private final DisposableServer stock;

	FaultSubgraphs() {
		this.products = serve(build("type Query { products: [Product] } type Product { id: ID! name: String }",
				(wiring) -> wiring.type("Query",
						(q) -> q.dataFetcher("products", (env) -> PRODUCTS)
							.dataFetcher("_entities",
									entities((rep) -> PRODUCTS.stream()
										.filter((p) -> p.get("id").equals(rep.get("id")))
										.findFirst()
										.orElse(null))))));
		this.stock = serve(build("type Query { warehouse: String } type Product { id: ID! inStock: Int }",
				(wiring) -> wiring.type("Query",
						(q) -> q.dataFetcher("warehouse", (env) -> "Hamburg")
							.dataFetcher("_entities", entities((rep) -> Map.of("id", rep.get("id"), "inStock",
									Integer.parseInt(String.valueOf(rep.get("id"))) * 10))))));
	}

	int productsPort() {
		return this.products.port();
	}

	int stockPort() {
		return this.stock.port();
	}

	@Override
	public void close() {
		this.products.disposeNow();
		this.stock.disposeNow();
	}

	private static DisposableServer serve(GraphQL graphQl) {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/graphql",
					(request, response) -> response.header("content-type", "application/json")
						.sendByteArray(request.receive().aggregate().asByteArray().flatMap((body) -> {
							Map<String, Object> parsed = JSON.readValue(body, MAP);
							@SuppressWarnings("unchecked")
							Map<String, Object> variables = (Map<String, Object>) parsed.getOrDefault("variables",
									Map.of());
							ExecutionInput input = ExecutionInput.newExecutionInput((String) parsed.get("query"))
								.variables(variables)
								.build();
							return Mono.fromFuture(graphQl.executeAsync(input))
								.map((result) -> JSON.writeValueAsBytes(result.toSpecification()));
						}))))
			.bindNow();
	}

	private static GraphQL build(String sdl, UnaryOperator<RuntimeWiring.Builder> wiring) {
		String full = sdl + """
				scalar _Any
				union _Entity = Product
				extend type Query { _entities(representations: [_Any!]!): [_Entity]! }
				""";
		RuntimeWiring.Builder builder = RuntimeWiring.newRuntimeWiring()
			.scalar(GraphQLScalarType.newScalar().name("_Any").coercing(new PassThrough()).build())
			.type("_Entity", (t) -> t.typeResolver((env) -> env.getSchema().getObjectType("Product")));
		return GraphQL
			.newGraphQL(new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(full),
					wiring.apply(builder).build()))
			.build();
	}

	@SuppressWarnings("unchecked")
	private static DataFetcher<List<Object>> entities(Function<Map<String, Object>, Object> resolver) {
		return (env) -> {
			List<Object> resolved = new ArrayList<>();
			for (Object rep : (List<Object>) env.getArgument("representations")) {
				resolved.add(resolver.apply((Map<String, Object>) rep));
			}
			return resolved;
		};
	}

	/** {@code _Any}: representations arrive as JSON objects in variables. */
	private static final class PassThrough implements Coercing<Object, Object> {

		@Override
		@SuppressWarnings("deprecation")
		public Object serialize(Object value) {
			return value;
		}

		@Override
		@SuppressWarnings("deprecation")
		public Object parseValue(Object input) {
			return input;
		}

		@Override
		@SuppressWarnings("deprecation")
		public Object parseLiteral(Object input) {
			return input;
		}

	}

}
