package dev.zielwerk.connectors.cms;

import java.util.Map;

import dev.zielwerk.connectors.destination.cms.CatalogueEntry;
import dev.zielwerk.connectors.sync.AudienceSourceException;
import dev.zielwerk.connectors.sync.GatewayProperties;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Reads what editors may see of a segment (key, name, description) through the gateway,
 * with the service token sync runs use. Never members.
 */
final class SegmentCatalogueSource {

	static final String QUERY = """
			query SegmentCatalogue($segment: ID!) {
			  segment(id: $segment) { key name description }
			}""";

	private final WebClient client;

	SegmentCatalogueSource(WebClient.Builder builder, GatewayProperties properties) {
		WebClient.Builder configured = builder.baseUrl(properties.url());
		if (!properties.token().isBlank()) {
			configured.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.token());
		}
		this.client = configured.build();
	}

	/**
	 * One segment's catalogue entry.
	 * @param segmentId the segment
	 * @return the entry, or empty when the segment no longer exists
	 */
	Mono<CatalogueEntry> describe(String segmentId) {
		return this.client.post()
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_GRAPHQL_RESPONSE, MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", QUERY, "variables", Map.of("segment", segmentId)))
			.retrieve()
			.bodyToMono(JsonNode.class)
			.flatMap((body) -> {
				JsonNode errors = body.path("errors");
				if (errors.isArray() && !errors.isEmpty()) {
					return Mono.error(new AudienceSourceException("gateway answered errors for segment " + segmentId
							+ ": " + errors.get(0).path("message").asString("")));
				}
				JsonNode segment = body.path("data").path("segment");
				if (!segment.isObject()) {
					return Mono.empty();
				}
				JsonNode description = segment.path("description");
				return Mono.just(new CatalogueEntry(segment.path("key").asString(), segment.path("name").asString(),
						description.isString() ? description.asString() : null));
			});
	}

}
