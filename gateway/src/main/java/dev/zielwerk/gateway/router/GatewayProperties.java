package dev.zielwerk.gateway.router;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Gateway settings ({@code zielwerk.gateway.*}).
 *
 * @param supergraph file path or URL of the supergraph SDL
 * @param planCacheSize how many plans (and parsed documents) to keep
 * @param subgraphTimeout response timeout of one subgraph request
 * @param maxConnections connection pool size per subgraph address
 * @param deduplicateSubgraphRequests whether identical in-flight subgraph queries share
 * one request (never mutations)
 */
@ConfigurationProperties("zielwerk.gateway")
public record GatewayProperties(@Nullable String supergraph, @DefaultValue("1000") int planCacheSize,
		@DefaultValue("30s") Duration subgraphTimeout, @DefaultValue("512") int maxConnections,
		@DefaultValue("true") boolean deduplicateSubgraphRequests,
		@DefaultValue("false") boolean deduplicateClientRequests) {
}
