package dev.zielwerk.connectors.sync;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads segment members through the gateway's GraphQL API with a service token. The query
 * below is the contract the segment-service (members as a Relay connection, with an
 * optional {@code profileIds} filter) and profile-service (identities, current consent)
 * serve through the gateway:
 *
 * <pre>
 * query SyncAudience($segment: ID!, $first: Int!, $after: String, $profileIds: [ID!]) {
 *   segment(id: $segment) {
 *     members(first: $first, after: $after, profileIds: $profileIds) {
 *       edges { node { id identities { type value } consent { purpose status effective } } }
 *       pageInfo { hasNextPage endCursor }
 *     }
 *   }
 * }
 * </pre>
 *
 * {@code effective} (granted and not expired) decides consent; purposes the runtime does
 * not know are ignored. The first EMAIL and PHONE identities are used.
 */
final class GatewayAudienceSource implements AudienceSource {

	static final String QUERY = """
			query SyncAudience($segment: ID!, $first: Int!, $after: String, $profileIds: [ID!]) {
			  segment(id: $segment) {
			    members(first: $first, after: $after, profileIds: $profileIds) {
			      edges { node { id identities { type value } consent { purpose status effective } } }
			      pageInfo { hasNextPage endCursor }
			    }
			  }
			}""";

	private final WebClient client;

	GatewayAudienceSource(WebClient.Builder builder, GatewayProperties properties) {
		WebClient.Builder configured = builder.baseUrl(properties.url());
		if (!properties.token().isBlank()) {
			configured.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.token());
		}
		this.client = configured.build();
	}

	@Override
	public Mono<AudiencePage> page(String segmentId, @Nullable List<String> profileIds, int first,
			@Nullable String after) {
		Map<String, @Nullable Object> variables = new HashMap<>();
		variables.put("segment", segmentId);
		variables.put("first", first);
		variables.put("after", after);
		variables.put("profileIds", profileIds);
		return this.client.post()
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", QUERY, "variables", variables))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.map((body) -> toPage(segmentId, body));
	}

	private static AudiencePage toPage(String segmentId, JsonNode body) {
		JsonNode errors = body.path("errors");
		if (errors.isArray() && !errors.isEmpty()) {
			throw new AudienceSourceException("gateway answered errors for segment " + segmentId + ": "
					+ errors.get(0).path("message").asString(""));
		}
		JsonNode members = body.path("data").path("segment").path("members");
		if (members.isMissingNode() || members.isNull()) {
			throw new AudienceSourceException("segment " + segmentId + " was not found at the gateway");
		}
		List<AudienceEntry> entries = new ArrayList<>();
		for (JsonNode edge : members.path("edges").values()) {
			entries.add(entry(edge.path("node")));
		}
		JsonNode pageInfo = members.path("pageInfo");
		String endCursor = pageInfo.path("endCursor").isString() ? pageInfo.path("endCursor").asString() : null;
		return new AudiencePage(entries, endCursor, pageInfo.path("hasNextPage").asBoolean(false));
	}

	private static AudienceEntry entry(JsonNode node) {
		String email = null;
		String phone = null;
		for (JsonNode identity : node.path("identities").values()) {
			String type = identity.path("type").asString("");
			if (email == null && "EMAIL".equals(type)) {
				email = identity.path("value").asString();
			}
			else if (phone == null && "PHONE".equals(type)) {
				phone = identity.path("value").asString();
			}
		}
		Set<ConsentPurpose> consented = EnumSet.noneOf(ConsentPurpose.class);
		for (JsonNode consent : node.path("consent").values()) {
			if (consent.path("effective").asBoolean(false)) {
				purpose(consent.path("purpose").asString("")).ifPresent(consented::add);
			}
		}
		AudienceMember member = new AudienceMember(node.path("id").asString(), email, phone, null, null, null, null);
		return new AudienceEntry(member, consented);
	}

	private static Optional<ConsentPurpose> purpose(String name) {
		for (ConsentPurpose purpose : ConsentPurpose.values()) {
			if (purpose.name().equals(name)) {
				return Optional.of(purpose);
			}
		}
		return Optional.empty();
	}

}
