package dev.zielwerk.gateway.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Subscription settings ({@code zielwerk.gateway.subscriptions.*}).
 *
 * @param maxPerConnection subscriptions one graphql-ws connection may hold at once; one
 * more is answered with an {@code error} message for its id
 * @param keepAlive how often the gateway pings both legs (graphql-ws {@code ping}, an SSE
 * comment), so idle connections survive proxies and dead peers are noticed
 * @param connectionInitTimeout how long a client has to send {@code connection_init}
 * (else close 4408), and a subgraph to acknowledge the gateway's
 * @param bufferSize events buffered per subscription while the client reads slower than
 * the subgraph sends
 * @param overflow what happens when that buffer is full
 * @param forwardHeaders headers (from the WebSocket upgrade, the client's
 * {@code connection_init} payload, or the SSE request) copied into the
 * {@code connection_init} payload the gateway sends the subgraph
 * @param subgraphUrls graphql-ws URLs per subgraph name, where one differs from the
 * subgraph's HTTP URL with {@code ws(s)://}
 */
@ConfigurationProperties("zielwerk.gateway.subscriptions")
public record SubscriptionProperties(@DefaultValue("16") int maxPerConnection, @DefaultValue("15s") Duration keepAlive,
		@DefaultValue("10s") Duration connectionInitTimeout, @DefaultValue("256") int bufferSize,
		@DefaultValue("ERROR") Overflow overflow, @DefaultValue( {
		}) List<String> forwardHeaders, @DefaultValue({}) Map<String, String> subgraphUrls){

	public SubscriptionProperties {
		forwardHeaders = (forwardHeaders != null) ? List.copyOf(forwardHeaders) : List.of();
		subgraphUrls = (subgraphUrls != null) ? Map.copyOf(subgraphUrls) : Map.of();
	}

	/** What a full per-subscription buffer does. */
	public enum Overflow {

		/**
		 * End the subscription with an error ({@code SUBSCRIPTION_BUFFER_OVERFLOW}): the
		 * client learns it missed events and can resubscribe and re-read, instead of
		 * silently holding a wrong picture (a membership feed with gaps).
		 */
		ERROR,

		/**
		 * Drop the oldest buffered event: for feeds where only the latest value matters
		 * (sizes).
		 */
		DROP_OLDEST

	}

}
