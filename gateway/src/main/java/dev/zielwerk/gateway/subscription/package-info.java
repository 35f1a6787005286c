/**
 * Subscriptions through the gateway: clients subscribe over graphql-ws
 * ({@code graphql-transport-ws}) or GraphQL over SSE at {@code /graphql}; the gateway
 * subscribes to the subgraph that owns the subscription field over graphql-ws and runs
 * the rest of the plan (entity fetches to other subgraphs) for every event before it
 * delivers it.
 */
@NullMarked
package dev.zielwerk.gateway.subscription;

import org.jspecify.annotations.NullMarked;
