package dev.zielwerk.gateway.security;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.zielwerk.gateway.composition.SubgraphSource;
import dev.zielwerk.gateway.composition.SupergraphComposer;
import dev.zielwerk.gateway.fixture.FixtureSubgraphs;
import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import dev.zielwerk.identity.InvalidIdentityException;
import graphql.ExecutionInput;
import graphql.GraphQL;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two subgraphs whose schemas use {@code @authenticated} and {@code @requiresScopes}
 * ({@code accounts}: accounts with owner-only fields and an audience shared with
 * partners; {@code orders}: orders of an account), served on loopback. Every request is
 * recorded with the query it carried and the caller its {@value IdentityTokens#HEADER}
 * header names, verified with the shared secret.
 */
public final class SecureSubgraphs extends FixtureSubgraphs {

	public static final String IDENTITY_SECRET = "identity-secret-for-tests-0123456789abcdef";

	static final String ACCOUNTS_SDL = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
			  import: ["@key", "@authenticated", "@requiresScopes"])
			type Query {
			  publicInfo: String
			  me: Account @authenticated
			  accounts: [Account] @requiresScopes(scopes: [["accounts:read"], ["partner"]])
			  sharedAudience: Audience
			}
			type Account @key(fields: "id") {
			  id: ID! @requiresScopes(scopes: [["partner"], ["accounts:read"]])
			  name: String
			  email: String @requiresScopes(scopes: [["email:read"], ["admin"]])
			  secret: String! @requiresScopes(scopes: [["admin"]])
			}
			type Audience @requiresScopes(scopes: [["partner"], ["accounts:read"]]) {
			  name: String
			  size: Int
			}
			""";

	static final String ORDERS_SDL = """
			extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
			  import: ["@key", "@requiresScopes"])
			type Account @key(fields: "id") {
			  id: ID!
			  orders: [Order] @requiresScopes(scopes: [["orders:read"]])
			}
			type Order { id: ID! total: Int }
			""";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private static final List<Map<String, Object>> ACCOUNTS = List.of(
			Map.of("id", "1", "name", "Ada", "email", "ada@example.com", "secret", "s1"),
			Map.of("id", "2", "name", "Bob", "email", "bob@example.com", "secret", "s2"));

	private final IdentityTokens tokens = new IdentityTokens(IDENTITY_SECRET);

	private final Map<String, GraphQL> graphs = new ConcurrentHashMap<>();

	private final List<Seen> seen = new CopyOnWriteArrayList<>();

	private final DisposableServer server;

	public SecureSubgraphs() {
		this.graphs.put("accounts",
				build("""
						type Query { publicInfo: String me: Account accounts: [Account] sharedAudience: Audience }
						type Account { id: ID! name: String email: String secret: String! }
						type Audience { name: String size: Int }
						union _Entity = Account
						""", List.of(),
						(wiring) -> wiring.type("Query", (q) -> q.dataFetcher("publicInfo", (env) -> "hello")
							.dataFetcher("me", (env) -> ACCOUNTS.get(0))
							.dataFetcher("accounts", (env) -> ACCOUNTS)
							.dataFetcher("sharedAudience", (env) -> Map.of("name", "vip", "size", 2))
							.dataFetcher("_entities", entities((rep) -> find(ACCOUNTS, "id", rep.get("id")))))));
		this.graphs
			.put("orders",
					build("""
							type Account { id: ID! orders: [Order] }
							type Order { id: ID! total: Int }
							type Query { _unused: Int }
							union _Entity = Account
							""", List.of(),
							(wiring) -> wiring
								.type("Query",
										(q) -> q.dataFetcher("_entities",
												entities((rep) -> Map.of("id", rep.get("id")))))
								.type("Account", (a) -> a.dataFetcher("orders", (env) -> {
									Map<String, Object> account = env.getSource();
									return List.of(Map.of("id", "o" + account.get("id"), "total", 10));
								}))));
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/{name}", (request, response) -> {
				String name = Objects.requireNonNull(request.param("name"));
				String identity = request.requestHeaders().get(IdentityTokens.HEADER);
				return response.header("content-type", "application/json")
					.sendByteArray(request.receive()
						.aggregate()
						.asByteArray()
						.flatMap((body) -> answer(name, identity, body)));
			}))
			.bindNow();
	}

	@SuppressWarnings("unchecked")
	private Mono<byte[]> answer(String name, @Nullable String identity, byte[] body) {
		Map<String, Object> request = JSON.readValue(body, MAP);
		String query = (String) request.get("query");
		CallerIdentity caller = null;
		String problem = null;
		if (identity == null) {
			problem = "missing";
		}
		else {
			try {
				caller = this.tokens.verify(identity, java.time.Instant.now());
			}
			catch (InvalidIdentityException ex) {
				problem = ex.getMessage();
			}
		}
		this.seen.add(new Seen(name, query, caller, problem));
		ExecutionInput input = ExecutionInput.newExecutionInput(query)
			.variables((Map<String, Object>) request.getOrDefault("variables", Map.of()))
			.build();
		return Mono.fromFuture(this.graphs.get(name).executeAsync(input))
			.map((result) -> JSON.writeValueAsBytes(result.toSpecification()));
	}

	public String supergraph() {
		String base = "http://127.0.0.1:" + this.server.port() + "/";
		return SupergraphComposer.compose(List.of(new SubgraphSource("accounts", base + "accounts", ACCOUNTS_SDL),
				new SubgraphSource("orders", base + "orders", ORDERS_SDL)))
			.supergraphSdlOrThrow();
	}

	public List<Seen> seen() {
		return List.copyOf(this.seen);
	}

	public void clear() {
		this.seen.clear();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * One subgraph request.
	 *
	 * @param subgraph which subgraph
	 * @param query the query it carried
	 * @param caller the caller its identity header named, if valid
	 * @param problem why there was no valid identity header
	 */
	public record Seen(String subgraph, String query, @Nullable CallerIdentity caller, @Nullable String problem) {
	}

}
