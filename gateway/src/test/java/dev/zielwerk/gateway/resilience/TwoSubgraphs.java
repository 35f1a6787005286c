package dev.zielwerk.gateway.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zielwerk.gateway.composition.SubgraphSource;
import dev.zielwerk.gateway.composition.SupergraphComposer;
import dev.zielwerk.gateway.fixture.FixtureSubgraphs;
import graphql.ExecutionInput;
import graphql.GraphQL;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two subgraphs on ports of their own, each of which a test can stop, restart on the same
 * port, slow down or make answer an HTTP status: {@code products} (root {@code products},
 * {@code Product.name}) and {@code stock} ({@code Product.inStock} by entity, root
 * {@code warehouse}, mutation {@code restock}). Counts requests per subgraph.
 */
public final class TwoSubgraphs extends FixtureSubgraphs {

	public static final String PRODUCTS_SDL = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
			type Query { products: [Product] }
			type Product @key(fields: "id") { id: ID! name: String }
			""";

	public static final String STOCK_SDL = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
			type Query { warehouse: String }
			type Mutation { restock(id: ID!): Int }
			type Product @key(fields: "id") { id: ID! inStock: Int }
			""";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final List<Map<String, Object>> PRODUCTS = List.of(Map.of("id", "1", "name", "Table"),
			Map.of("id", "2", "name", "Chair"), Map.of("id", "3", "name", "Lamp"));

	private final Map<String, GraphQL> graphs = Map.of("products", products(), "stock", stock());

	private final Map<String, DisposableServer> servers = new ConcurrentHashMap<>();

	private final Map<String, Integer> ports = new ConcurrentHashMap<>();

	private final Map<String, Set<Channel>> connections = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final Map<String, Duration> delays = new ConcurrentHashMap<>();

	private final Map<String, List<String>> traceparents = new ConcurrentHashMap<>();

	private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

	public TwoSubgraphs() {
		start("products");
		start("stock");
	}

	/** Starts (or restarts, on its old port) a subgraph. */
	public void start(String name) {
		Integer port = this.ports.get(name);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port((port != null) ? port : 0)
			.doOnConnection((connection) -> {
				Set<Channel> open = this.connections.computeIfAbsent(name, (n) -> ConcurrentHashMap.newKeySet());
				Channel channel = connection.channel();
				open.add(channel);
				channel.closeFuture().addListener((future) -> open.remove(channel));
			})
			.route((routes) -> routes.post("/graphql", (request, response) -> {
				this.counts.computeIfAbsent(name, (n) -> new AtomicInteger()).incrementAndGet();
				String traceparent = request.requestHeaders().get("traceparent");
				this.traceparents.computeIfAbsent(name, (n) -> new CopyOnWriteArrayList<>())
					.add((traceparent != null) ? traceparent : "");
				Integer status = this.statuses.get(name);
				if (status != null) {
					return response.status(status).sendString(Mono.just("upstream trouble"));
				}
				Mono<byte[]> answer = request.receive().aggregate().asByteArray().flatMap((body) -> answer(name, body));
				Duration delay = this.delays.get(name);
				if (delay != null) {
					answer = answer.delayElement(delay);
				}
				return response.header("content-type", "application/json").sendByteArray(answer);
			}))
			.bindNow();
		this.ports.put(name, server.port());
		this.servers.put(name, server);
	}

	/** Stops a subgraph: connections are refused until it is started again. */
	public void stop(String name) {
		DisposableServer server = this.servers.remove(name);
		if (server != null) {
			server.disposeNow();
		}
		// a killed process takes its keep-alive connections with it
		Set<Channel> open = this.connections.remove(name);
		if (open != null) {
			open.forEach((channel) -> channel.close().syncUninterruptibly());
		}
	}

	public void delay(String name, @Nullable Duration delay) {
		if (delay == null) {
			this.delays.remove(name);
		}
		else {
			this.delays.put(name, delay);
		}
	}

	public void status(String name, @Nullable Integer status) {
		if (status == null) {
			this.statuses.remove(name);
		}
		else {
			this.statuses.put(name, status);
		}
	}

	public void heal() {
		this.delays.clear();
		this.statuses.clear();
		if (!this.servers.containsKey("stock")) {
			start("stock");
		}
		if (!this.servers.containsKey("products")) {
			start("products");
		}
	}

	/** The {@code traceparent} headers a subgraph received, in order ("" for none). */
	public List<String> traceparents(String name) {
		return this.traceparents.getOrDefault(name, List.of());
	}

	public int count(String name) {
		AtomicInteger count = this.counts.get(name);
		return (count != null) ? count.get() : 0;
	}

	public String url(String name) {
		return "http://127.0.0.1:" + this.ports.get(name) + "/graphql";
	}

	/** Composes the two subgraphs' supergraph and writes it to a temporary file. */
	public Path supergraph() throws IOException {
		String sdl = SupergraphComposer.compose(List.of(new SubgraphSource("products", url("products"), PRODUCTS_SDL),
				new SubgraphSource("stock", url("stock"), STOCK_SDL)))
			.supergraphSdlOrThrow();
		Path file = Files.createTempFile("two-subgraphs", ".graphql");
		file.toFile().deleteOnExit();
		Files.writeString(file, sdl);
		return file;
	}

	@Override
	public void close() {
		this.servers.keySet().forEach(this::stop);
	}

	@SuppressWarnings("unchecked")
	private Mono<byte[]> answer(String name, byte[] body) {
		Map<String, Object> request = JSON.readValue(body, MAP);
		Map<String, Object> variables = (Map<String, Object>) request.getOrDefault("variables", Map.of());
		ExecutionInput input = ExecutionInput.newExecutionInput((String) request.get("query"))
			.variables(variables)
			.build();
		return Mono.fromFuture(Objects.requireNonNull(this.graphs.get(name)).executeAsync(input))
			.map((result) -> JSON.writeValueAsBytes(result.toSpecification()));
	}

	private static GraphQL products() {
		return build("""
				type Query { products: [Product] }
				type Product { id: ID! name: String }
				union _Entity = Product
				""", List.of(), (wiring) -> wiring.type("Query", (q) -> q.dataFetcher("products", (env) -> PRODUCTS)
			.dataFetcher("_entities", entities((rep) -> find(PRODUCTS, "id", rep.get("id"))))));
	}

	private static GraphQL stock() {
		return build("""
				type Query { warehouse: String }
				type Mutation { restock(id: ID!): Int }
				type Product { id: ID! inStock: Int }
				union _Entity = Product
				""", List.of(),
				(wiring) -> wiring
					.type("Query",
							(q) -> q.dataFetcher("warehouse", (env) -> "Hamburg")
								.dataFetcher("_entities",
										entities((rep) -> Map.of("id", rep.get("id"), "inStock",
												Integer.parseInt((String) rep.get("id")) * 10))))
					.type("Mutation", (m) -> m.dataFetcher("restock", (env) -> 1)));
	}

}
