package dev.zielwerk.gateway.composition;

/**
 * One subgraph to compose: its name (used in plans and errors), the URL it answers on and
 * its SDL (as {@code _service { sdl }} returns it).
 *
 * @param name the subgraph name
 * @param url the subgraph's GraphQL endpoint
 * @param sdl the subgraph schema
 */
public record SubgraphSource(String name, String url, String sdl) {
}
