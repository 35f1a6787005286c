package dev.zielwerk.gateway.execute;

/**
 * Wraps the subgraph client (resilience, telemetry). Beans of this type are applied in
 * order around {@link HttpSubgraphClient}: the first wraps it directly, the last is
 * outermost.
 */
@FunctionalInterface
public interface SubgraphClientDecorator {

	SubgraphClient decorate(SubgraphClient client);

}
