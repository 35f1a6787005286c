/**
 * The custom GraphQL scalars every Zielwerk subgraph declares ({@code DateTime},
 * {@code JSON}). Composition requires a scalar to be the same in every subgraph, so they
 * are defined once here rather than copied into each service.
 */
@NullMarked
package dev.zielwerk.graphql.scalars;

import org.jspecify.annotations.NullMarked;
