package dev.zielwerk.segment.graphql;

import java.util.Set;
import java.util.UUID;

/**
 * A profile as this subgraph knows it (named like the GraphQL type, which is how
 * federation resolves {@code _Entity}): its id and the keys of its segments, loaded once
 * for all representations of a request.
 *
 * @param id the profile id
 * @param segmentKeys the segments it is in
 */
record Profile(UUID id, Set<String> segmentKeys) {
}
