package dev.zielwerk.gateway.composition;

import org.jspecify.annotations.Nullable;

/**
 * A configured subgraph: where it answers and, optionally, where its SDL is. Without an
 * SDL location the SDL is asked from the running subgraph ({@code _service { sdl }}).
 *
 * @param name the subgraph name
 * @param url the subgraph's GraphQL endpoint
 * @param sdl a {@code classpath:}, {@code file:} or {@code http(s)://} location or a file
 * path, or null to fetch the SDL from the subgraph
 */
public record SubgraphDefinition(String name, String url, @Nullable String sdl) {
}
