/**
 * The connectors subgraph (Apollo Federation v2): destinations, audience syncs, their
 * runs, and {@code Segment.syncs} contributed to segment-service's entity.
 */
@NullMarked
package dev.zielwerk.connectors.graphql;

import org.jspecify.annotations.NullMarked;
