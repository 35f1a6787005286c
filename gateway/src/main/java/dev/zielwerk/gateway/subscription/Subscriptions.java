package dev.zielwerk.gateway.subscription;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import dev.zielwerk.gateway.operation.RequestException;
import dev.zielwerk.gateway.plan.QueryPlan;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.router.GraphQlRequest;
import dev.zielwerk.gateway.supergraph.Supergraph;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Runs operations for the streaming transports. A subscription is planned like a query;
 * its root fetch becomes a graphql-ws subscription at the owning subgraph, and every
 * event runs the rest of the plan before it is delivered, one event after another so they
 * arrive in order. Queries and mutations give one response.
 */
final class Subscriptions {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ObjectProvider<GraphQlGateway> gateway;

	private final ObjectProvider<Supergraph> supergraph;

	private final UpstreamSubscriptions upstream;

	private final SubscriptionProperties properties;

	Subscriptions(ObjectProvider<GraphQlGateway> gateway, ObjectProvider<Supergraph> supergraph,
			UpstreamSubscriptions upstream, SubscriptionProperties properties) {
		this.gateway = gateway;
		this.supergraph = supergraph;
		this.upstream = upstream;
		this.properties = properties;
	}

	/**
	 * Executes an operation.
	 * @param request the client's request
	 * @param upstreamInit the {@code connection_init} payload for the subgraph leg
	 * @return the responses; request errors and failures of the subgraph leg are
	 * signalled (see {@link SubscriptionErrors})
	 */
	Flux<ObjectNode> execute(GraphQlRequest request, Map<String, String> upstreamInit) {
		return Flux.defer(() -> {
			GraphQlGateway gateway = this.gateway.getIfAvailable();
			Supergraph supergraph = this.supergraph.getIfAvailable();
			if (gateway == null || supergraph == null) {
				throw new RequestException(
						"No supergraph is configured: set zielwerk.gateway.supergraph or zielwerk.gateway.subgraphs.",
						"BAD_REQUEST");
			}
			QueryPlan plan = gateway.planSubscription(request);
			if (plan == null) {
				return gateway.execute(request).flux();
			}
			SubscriptionPlan split = SubscriptionPlan.of(plan);
			ObjectNode payload = NODES.objectNode().put("query", split.operation());
			ObjectNode variables = payload.putObject("variables");
			for (String name : split.root().variables()) {
				JsonNode value = request.variables().get(name);
				if (value != null) {
					variables.set(name, value);
				}
			}
			ObjectNode init = NODES.objectNode();
			upstreamInit.forEach(init::put);
			Flux<ObjectNode> events = this.upstream.subscribe(split.subgraph(),
					uri(supergraph.subgraph(split.subgraph()).url(), split.subgraph()), init, payload);
			return bounded(events, this.properties.bufferSize(), this.properties.overflow())
				.concatMap((event) -> gateway.executeSubscriptionEvent(split.dependents(), request.variables(), event,
						split.subgraph()), 1);
		});
	}

	/**
	 * Bounds what is buffered between a source that cannot slow down and a slower reader.
	 */
	static <T> Flux<T> bounded(Flux<T> events, int size, SubscriptionProperties.Overflow overflow) {
		return switch (overflow) {
			case ERROR -> events.onBackpressureBuffer(size, (dropped) -> {
			}, BufferOverflowStrategy.ERROR);
			case DROP_OLDEST -> events.onBackpressureBuffer(size, (dropped) -> {
			}, BufferOverflowStrategy.DROP_OLDEST);
		};
	}

	/** The subgraph's graphql-ws URL: configured, or its HTTP URL with ws(s). */
	private URI uri(String httpUrl, String subgraph) {
		String configured = this.properties.subgraphUrls().get(subgraph);
		if (configured != null) {
			return URI.create(configured);
		}
		URI http = URI.create(httpUrl);
		String scheme = (http.getScheme() != null) ? http.getScheme().toLowerCase(Locale.ROOT) : "http";
		return URI.create(("https".equals(scheme) ? "wss" : "ws") + httpUrl.substring(httpUrl.indexOf(':')));
	}

}
