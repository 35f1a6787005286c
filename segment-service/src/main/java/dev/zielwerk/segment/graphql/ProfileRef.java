package dev.zielwerk.segment.graphql;

import java.util.Set;
import java.util.UUID;

/**
 * A profile as this subgraph knows it: its id and the keys of its segments, loaded once
 * for all representations of a request.
 *
 * @param id the profile id
 * @param segmentKeys the segments it is in
 */
record ProfileRef(UUID id, Set<String> segmentKeys) {
}
