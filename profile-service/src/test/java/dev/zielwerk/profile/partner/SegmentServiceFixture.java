package dev.zielwerk.profile.partner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.apollographql.federation.graphqljava.Federation;
import dev.zielwerk.graphql.scalars.Scalars;
import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * segment-service as profile-service meets it: its real SDL (from the schema module)
 * executed over HTTP with fixture membership, so the membership queries profile-service
 * sends are validated against the published contract. It also checks the service identity
 * on every call, as segment-service's guard does, and can be switched off to show that
 * partner reads fail closed.
 */
final class SegmentServiceFixture implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, Set<UUID>> segments = new ConcurrentHashMap<>();

	private final List<CallerIdentity> callers = new CopyOnWriteArrayList<>();

	private final IdentityTokens tokens;

	private final GraphQL graphQl;

	private final DisposableServer server;

	private volatile boolean down;

	SegmentServiceFixture(String secret) {
		this.tokens = new IdentityTokens(secret);
		this.graphQl = GraphQL.newGraphQL(schema()).build();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/graphql",
					(request, response) -> request.receive().aggregate().asString().flatMap((body) -> {
						if (this.down) {
							return response.status(503).sendString(Mono.just("down")).then();
						}
						String token = request.requestHeaders().get(IdentityTokens.HEADER);
						if (token == null) {
							return response.status(401).sendString(Mono.just("no identity")).then();
						}
						this.callers.add(this.tokens.verify(token, Instant.now()));
						return response.header("Content-Type", "application/json")
							.sendString(
									Mono.fromCallable(() -> JSON.writeValueAsString(execute(body).toSpecification())))
							.then();
					})))
			.bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port() + "/graphql";
	}

	/** Creates a segment with these members; returns its id. */
	String segment(Set<UUID> members) {
		String id = UUID.randomUUID().toString();
		this.segments.put(id, new TreeSet<>(members));
		return id;
	}

	void remove(String segmentId, UUID member) {
		this.segments.get(segmentId).remove(member);
	}

	void down(boolean down) {
		this.down = down;
	}

	List<CallerIdentity> callers() {
		return this.callers;
	}

	@SuppressWarnings("unchecked")
	private ExecutionResult execute(String body) {
		Map<String, Object> request = JSON.readValue(body, Map.class);
		Object variables = request.get("variables");
		return this.graphQl.execute(ExecutionInput.newExecutionInput((String) request.get("query"))
			.variables((variables != null) ? (Map<String, Object>) variables : Map.of())
			.build());
	}

	private graphql.schema.GraphQLSchema schema() {
		RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
			.scalar(Scalars.DATE_TIME)
			.scalar(Scalars.JSON)
			.type("Query", (type) -> type.dataFetcher("segment", (env) -> {
				String id = env.getArgument("id");
				return this.segments.containsKey(id) ? Map.of("id", id) : null;
			}))
			.type("Segment", (type) -> type.dataFetcher("members", this::members))
			.build();
		try (InputStream sdl = Objects
			.requireNonNull(SegmentServiceFixture.class.getResourceAsStream("/graphql/segment/segment.graphqls"))) {
			return Federation.transform(new String(sdl.readAllBytes(), StandardCharsets.UTF_8), wiring)
				.fetchEntities((env) -> List.of())
				.resolveEntityType((env) -> null)
				.build();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** segment-service's semantics: members by profile id, cursor = profile id. */
	private Map<String, Object> members(DataFetchingEnvironment env) {
		Map<String, Object> segment = env.getSource();
		Set<UUID> members = this.segments.get((String) segment.get("id"));
		Integer first = env.getArgument("first");
		String after = env.getArgument("after");
		List<String> only = env.getArgument("profileIds");
		List<UUID> selected = members.stream()
			.filter((id) -> after == null || id.compareTo(UUID.fromString(after)) > 0)
			.filter((id) -> only == null || only.contains(id.toString()))
			.toList();
		int limit = (first != null) ? first : 20;
		List<Map<String, Object>> edges = new ArrayList<>();
		selected.stream()
			.limit(limit)
			.forEach((id) -> edges.add(Map.of("cursor", id.toString(), "node", Map.of("id", id.toString()), "since",
					Instant.parse("2026-01-01T00:00:00Z"))));
		Map<String, Object> pageInfo = new LinkedHashMap<>();
		pageInfo.put("hasNextPage", selected.size() > limit);
		pageInfo.put("endCursor", edges.isEmpty() ? null : edges.getLast().get("cursor"));
		return Map.of("edges", edges, "pageInfo", pageInfo, "totalCount", members.size());
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
