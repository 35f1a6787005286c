package dev.zielwerk.profile.partner;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import dev.zielwerk.profile.error.DeniedException;
import dev.zielwerk.profile.error.NotFoundException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads membership from segment-service's GraphQL API ({@code Segment.members}), the
 * contract segment-service publishes, rather than its tables or its Redis copy, whose
 * layout is its own business. Calls go straight to the subgraph with a short-lived
 * service identity ({@value IdentityTokens#HEADER}, subject {@code profile-service}, role
 * {@code service}) minted with the secret every subgraph shares with the gateway. Any
 * failure (timeout, HTTP error, GraphQL error) fails the partner request: nothing is
 * shown when membership cannot be confirmed.
 */
@Component
final class GraphQlSegmentMembers implements SegmentMembers {

	/** segment-service's page limit for {@code Segment.members}. */
	static final int MAX_PAGE = 1000;

	private static final String EXISTS = "query($id: ID!) { segment(id: $id) { id } }";

	private static final String MEMBERS = """
			query($id: ID!, $first: Int, $after: String, $profileIds: [ID!]) {
			  segment(id: $id) {
			    members(first: $first, after: $after, profileIds: $profileIds) {
			      edges { cursor node { id } }
			      pageInfo { hasNextPage }
			    }
			  }
			}""";

	private final WebClient client;

	private final Duration timeout;

	private final @Nullable IdentityTokens tokens;

	private final Clock clock = Clock.systemUTC();

	GraphQlSegmentMembers(ObjectProvider<WebClient.Builder> builders, PartnerProperties properties,
			@Value("${zielwerk.identity.secret:}") String secret) {
		this.client = builders.getIfAvailable(WebClient::builder)
			.clone()
			.baseUrl(properties.segmentsUrl().toString())
			.build();
		this.timeout = properties.segmentsTimeout();
		this.tokens = secret.isBlank() ? null : new IdentityTokens(secret);
	}

	@Override
	public Mono<Boolean> exists(String segmentId) {
		return call(EXISTS, Map.of("id", segmentId)).map((data) -> !data.path("segment").isNull());
	}

	@Override
	public Mono<MemberPage> page(String segmentId, @Nullable String after, int first) {
		Map<String, @Nullable Object> variables = new LinkedHashMap<>();
		variables.put("id", segmentId);
		variables.put("first", Math.min(first, MAX_PAGE));
		variables.put("after", after);
		return call(MEMBERS, variables).map((data) -> {
			JsonNode members = members(segmentId, data);
			List<Member> page = new ArrayList<>();
			members.path("edges")
				.forEach((edge) -> page.add(new Member(UUID.fromString(edge.path("node").path("id").asString()),
						edge.path("cursor").asString())));
			return new MemberPage(page, members.path("pageInfo").path("hasNextPage").asBoolean(false));
		});
	}

	@Override
	public Mono<Set<UUID>> among(String segmentId, Collection<UUID> profileIds) {
		List<String> ids = profileIds.stream().map(UUID::toString).distinct().toList();
		List<List<String>> chunks = new ArrayList<>();
		for (int i = 0; i < ids.size(); i += MAX_PAGE) {
			chunks.add(ids.subList(i, Math.min(ids.size(), i + MAX_PAGE)));
		}
		return Flux.fromIterable(chunks)
			.concatMap((chunk) -> call(MEMBERS, Map.of("id", segmentId, "first", chunk.size(), "profileIds", chunk))
				.flatMapIterable((data) -> {
					List<UUID> found = new ArrayList<>();
					members(segmentId, data).path("edges")
						.forEach((edge) -> found.add(UUID.fromString(edge.path("node").path("id").asString())));
					return found;
				}))
			.collect(HashSet::new, Set::add);
	}

	private static JsonNode members(String segmentId, JsonNode data) {
		JsonNode segment = data.path("segment");
		if (segment.isNull() || segment.isMissingNode()) {
			throw new NotFoundException("segment " + segmentId + " no longer exists");
		}
		return segment.path("members");
	}

	private Mono<JsonNode> call(String query, Map<String, ?> variables) {
		WebClient.RequestBodySpec request = this.client.post()
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON);
		if (this.tokens != null) {
			request = request.header(IdentityTokens.HEADER,
					this.tokens.mint(new CallerIdentity("profile-service", Set.of("segments:read"), Set.of("service"),
							null, this.clock.instant().plus(Duration.ofMinutes(1)))));
		}
		return request.bodyValue(Map.of("query", query, "variables", variables))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.timeout(this.timeout)
			.onErrorMap((ex) -> !(ex instanceof NotFoundException),
					(ex) -> DeniedException.unavailable("segment membership could not be read from segment-service ("
							+ ex.getClass().getSimpleName() + "); nothing is shown without it"))
			.map((body) -> {
				JsonNode errors = body.path("errors");
				if (errors.isArray() && !errors.isEmpty()) {
					String message = errors.get(0).path("message").asString("no message");
					String code = errors.get(0).path("extensions").path("code").asString("");
					if (code.equals("BAD_USER_INPUT") || code.equals("NOT_FOUND")) {
						throw new NotFoundException("segment-service knows no such segment: " + message);
					}
					throw DeniedException.unavailable("segment-service refused the membership read: " + message);
				}
				return body.path("data");
			});
	}

}
