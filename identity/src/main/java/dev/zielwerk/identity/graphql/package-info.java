/**
 * The subgraph side of the identity header: a {@code WebGraphQlInterceptor} that verifies
 * {@value dev.zielwerk.identity.IdentityTokens#HEADER} and puts the caller into the
 * GraphQL context, and an instrumentation that refuses partner callers every field the
 * schema does not open to partners. A service imports
 * {@link dev.zielwerk.identity.graphql.SubgraphIdentityConfiguration}.
 */
@NullMarked
package dev.zielwerk.identity.graphql;

import org.jspecify.annotations.NullMarked;
