package dev.zielwerk.connectors.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.zielwerk.connectors.destination.ConsentPurpose;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fake of our own gateway for the one query sync runs send
 * ({@link GatewayAudienceSource#QUERY}): segment members as a Relay connection, ordered
 * by profile id, with identities and current consent, served from memory. Requests
 * without the service token get a GraphQL UNAUTHENTICATED error.
 */
final class AudienceFixture implements AutoCloseable {

	static final String TOKEN = "service-token";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Map<String, NavigableMap<String, Person>> segments = new ConcurrentHashMap<>();

	private final Map<String, Map<String, Object>> descriptions = new ConcurrentHashMap<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final DisposableServer server;

	AudienceFixture() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/graphql", (request,
					response) -> request.receive().aggregate().asString(StandardCharsets.UTF_8).flatMap((body) -> {
						this.requests.incrementAndGet();
						String answer = ("Bearer " + TOKEN).equals(request.requestHeaders().get("Authorization"))
								? answer(JSON.readTree(body))
								: JSON.writeValueAsString(Map.of("errors", List.of(Map.of("message",
										"missing service token", "extensions", Map.of("code", "UNAUTHENTICATED")))));
						return response.header("Content-Type", "application/json").sendString(Mono.just(answer)).then();
					})))
			.bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port() + "/graphql";
	}

	int requests() {
		return this.requests.get();
	}

	/** Puts a person into a segment (or replaces them) with consent per purpose. */
	void put(String segmentId, Person person) {
		this.segments.computeIfAbsent(segmentId, (id) -> new ConcurrentSkipListMap<>()).put(person.id(), person);
	}

	/** What the gateway answers for {@code segment(id) { key name description }}. */
	void describe(String segmentId, String key, String name, String description) {
		Map<String, Object> segment = new LinkedHashMap<>();
		segment.put("key", key);
		segment.put("name", name);
		segment.put("description", description);
		this.descriptions.put(segmentId, segment);
	}

	void remove(String segmentId, String profileId) {
		this.segments.computeIfAbsent(segmentId, (id) -> new ConcurrentSkipListMap<>()).remove(profileId);
	}

	private String answer(JsonNode request) {
		JsonNode variables = request.path("variables");
		if (request.path("query").asString().contains("SegmentCatalogue")) {
			Map<String, Object> segment = this.descriptions.get(variables.path("segment").asString());
			Map<String, Object> data = new LinkedHashMap<>();
			data.put("segment", segment);
			return JSON.writeValueAsString(Map.of("data", data));
		}
		NavigableMap<String, Person> members = this.segments.get(variables.path("segment").asString());
		if (members == null || !request.path("query").asString().contains("members(first: $first")) {
			return JSON.writeValueAsString(Map.of("data", Map.of()));
		}
		int first = variables.path("first").asInt();
		String after = variables.path("after").isString() ? variables.path("after").asString() : null;
		Set<String> only = null;
		if (variables.path("profileIds").isArray()) {
			only = new HashSet<>();
			for (JsonNode id : variables.path("profileIds").values()) {
				only.add(id.asString());
			}
		}
		NavigableMap<String, Person> rest = (after != null) ? members.tailMap(after, false) : members;
		List<Object> edges = new ArrayList<>();
		String last = null;
		boolean hasNext = false;
		for (Person person : rest.values()) {
			if (only != null && !only.contains(person.id())) {
				continue;
			}
			if (edges.size() == first) {
				hasNext = true;
				break;
			}
			edges.add(Map.of("node", person.node()));
			last = person.id();
		}
		Map<String, Object> pageInfo = new LinkedHashMap<>();
		pageInfo.put("hasNextPage", hasNext);
		pageInfo.put("endCursor", last);
		return JSON.writeValueAsString(
				Map.of("data", Map.of("segment", Map.of("members", Map.of("edges", edges, "pageInfo", pageInfo)))));
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * A profile as the gateway would return it.
	 *
	 * @param id the profile id
	 * @param email the e-mail identity
	 * @param consented purposes with effective consent
	 */
	record Person(String id, String email, Set<ConsentPurpose> consented) {

		Map<String, Object> node() {
			List<Object> consent = new ArrayList<>();
			for (ConsentPurpose purpose : ConsentPurpose.values()) {
				boolean effective = this.consented.contains(purpose);
				consent.add(Map.of("purpose", purpose.name(), "status", effective ? "GRANTED" : "WITHDRAWN",
						"effective", effective));
			}
			return Map.of("id", this.id, "identities", List.of(Map.of("type", "EMAIL", "value", this.email)), "consent",
					consent);
		}

	}

}
