package dev.zielwerk.connectors.graphql;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.stereotype.Controller;

/**
 * Resolves segment-service's {@code Segment} entity by its key so the gateway can ask
 * this subgraph for {@code Segment.syncs}. Connectors own nothing else of a segment, so a
 * reference is all there is to resolve (and it exists even without a credential key,
 * which the federated schema needs).
 */
@Controller
final class SegmentEntity {

	@EntityMapping
	Segment segment(@Argument String id) {
		return new Segment(id);
	}

	/**
	 * A reference to a segment; named like the GraphQL type it resolves to.
	 *
	 * @param id the segment id
	 */
	record Segment(String id) {

	}

}
