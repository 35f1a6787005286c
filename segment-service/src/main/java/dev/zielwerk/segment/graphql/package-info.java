/**
 * The GraphQL API: an Apollo Federation v2 subgraph with {@code Segment}, the
 * {@code Profile} fields this service contributes, queries and mutations.
 */
@NullMarked
package dev.zielwerk.segment.graphql;

import org.jspecify.annotations.NullMarked;
