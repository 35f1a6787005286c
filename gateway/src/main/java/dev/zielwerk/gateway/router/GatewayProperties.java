package dev.zielwerk.gateway.router;

import java.time.Duration;
import java.util.Map;

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
 * @param deduplicateClientRequests whether identical in-flight client queries share one
 * execution
 * @param subgraphs the subgraphs to compose when no supergraph is given, by name
 * @param sdlFetchAttempts how often a subgraph without an SDL location is asked for
 * {@code _service { sdl }} at startup
 * @param sdlFetchBackoff the wait between two of those attempts
 */
@ConfigurationProperties("zielwerk.gateway")
public record GatewayProperties(@Nullable String supergraph, @DefaultValue("1000") int planCacheSize,
		@DefaultValue("30s") Duration subgraphTimeout, @DefaultValue("512") int maxConnections,
		@DefaultValue("true") boolean deduplicateSubgraphRequests,
		@DefaultValue("false") boolean deduplicateClientRequests, @Nullable Map<String, SubgraphProperties> subgraphs,
		@DefaultValue("30") int sdlFetchAttempts, @DefaultValue("1s") Duration sdlFetchBackoff) {

	/**
	 * One subgraph to compose ({@code zielwerk.gateway.subgraphs.<name>.*}).
	 *
	 * @param url the subgraph's GraphQL endpoint
	 * @param sdl where its SDL is ({@code classpath:}, {@code file:}, URL or path); when
	 * absent the gateway asks the subgraph for {@code _service { sdl }}
	 */
	public record SubgraphProperties(String url, @Nullable String sdl) {
	}

}
