package dev.zielwerk.gateway.supergraph;

/**
 * One subgraph of a supergraph: the name used in plans and errors and the URL it answers
 * on.
 *
 * @param name the subgraph name from {@code @join__graph(name:)}
 * @param url the GraphQL endpoint of the subgraph
 */
public record Subgraph(String name, String url) {
}
