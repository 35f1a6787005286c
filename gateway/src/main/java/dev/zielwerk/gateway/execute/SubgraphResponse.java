package dev.zielwerk.gateway.execute;

/**
 * The raw answer of a subgraph.
 *
 * @param status the HTTP status
 * @param body the body bytes, empty when there was none
 */
public record SubgraphResponse(int status, byte[] body) {
}
