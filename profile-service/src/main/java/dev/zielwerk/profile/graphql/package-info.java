/**
 * The profile subgraph's GraphQL wiring: Apollo Federation v2 schema, scalars, and the
 * controllers that serve profiles, entities and mutations.
 */
@NullMarked
package dev.zielwerk.profile.graphql;

import org.jspecify.annotations.NullMarked;
