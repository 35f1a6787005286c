package dev.zielwerk.gateway.subscription;

import java.util.Map;

import dev.zielwerk.gateway.limits.LimitsProperties;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.security.IdentityHeaders;
import dev.zielwerk.gateway.security.RequestAuthenticator;
import dev.zielwerk.gateway.supergraph.Supergraph;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.server.support.WebSocketUpgradeHandlerPredicate;

/**
 * Wires subscriptions: graphql-ws on WebSocket upgrades of {@code /graphql} (ahead of the
 * HTTP routes, which keep every other request), GraphQL over SSE on POSTs that accept
 * {@code text/event-stream}, and the subgraph leg. Connections are authenticated like
 * HTTP requests ({@link CallerConnectionAuthenticator}); a
 * {@link ConnectionAuthenticator} bean replaces that.
 */
@Configuration(proxyBeanMethods = false)
class SubscriptionConfiguration {

	/** Largest graphql-ws frame accepted from a subgraph (one event's payload). */
	private static final int MAX_FRAME_BYTES = 4 * 1024 * 1024;

	@Bean
	ClientConnection.Context subscriptionContext(ObjectProvider<GraphQlGateway> gateway,
			ObjectProvider<Supergraph> supergraph, ObjectProvider<ConnectionAuthenticator> authenticator,
			ObjectProvider<RequestAuthenticator> requestAuthenticator, ObjectProvider<IdentityHeaders> identityHeaders,
			SubscriptionProperties properties, JsonMapper mapper) {
		IdentityHeaders identities = identityHeaders.getIfAvailable(IdentityHeaders::disabled);
		GraphQlWs protocol = new GraphQlWs(mapper);
		ReactorNettyWebSocketClient client = new ReactorNettyWebSocketClient(HttpClient.create(),
				() -> WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_BYTES).handlePing(true));
		UpstreamSubscriptions upstream = new UpstreamSubscriptions(client, protocol, properties.keepAlive(),
				properties.connectionInitTimeout());
		return new ClientConnection.Context(new Subscriptions(gateway, supergraph, upstream, properties, identities),
				protocol, mapper, properties,
				authenticator.getIfAvailable(() -> defaultAuthenticator(requestAuthenticator, identities)),
				Sinks.empty());
	}

	/**
	 * Without a {@link ConnectionAuthenticator} bean, connections are authenticated like
	 * HTTP requests; only without the gateway's security (no
	 * {@link RequestAuthenticator}) is everyone admitted.
	 */
	private static ConnectionAuthenticator defaultAuthenticator(ObjectProvider<RequestAuthenticator> authenticator,
			IdentityHeaders identities) {
		RequestAuthenticator requests = authenticator.getIfAvailable();
		return (requests != null) ? new CallerConnectionAuthenticator(requests, identities)
				: ConnectionAuthenticator.admitAll();
	}

	/**
	 * Ends every subscription when the gateway stops, before the web server's graceful
	 * shutdown, which would otherwise wait for these long-lived exchanges until it times
	 * out.
	 */
	@Bean
	SmartLifecycle subscriptionShutdown(ClientConnection.Context subscriptionContext) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				this.running = true;
			}

			@Override
			public void stop() {
				this.running = false;
				subscriptionContext.stopping().tryEmitEmpty();
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

	@Bean
	HandlerMapping graphQlWebSocketMapping(ClientConnection.Context subscriptionContext) {
		// ahead of the router functions (order -1); other requests to /graphql fall
		// through
		SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
				Map.of("/graphql", new GraphQlWsHandler(subscriptionContext)), -2);
		mapping.setHandlerPredicate(new WebSocketUpgradeHandlerPredicate());
		return mapping;
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	RouterFunction<ServerResponse> graphQlSseRouterFunction(ClientConnection.Context subscriptionContext,
			LimitsProperties limits) {
		GraphQlSseHandler handler = new GraphQlSseHandler(subscriptionContext, limits);
		return RouterFunctions.route().POST("/graphql", GraphQlSseHandler.acceptsEventStream(), handler::post).build();
	}

}
