package dev.zielwerk.gateway.subscription;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.zielwerk.gateway.operation.RequestException;
import dev.zielwerk.gateway.router.AuthorizedPlan;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.router.GraphQlRequest;
import dev.zielwerk.gateway.security.CallerContext;
import dev.zielwerk.gateway.security.IdentityHeaders;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;

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

	private final IdentityHeaders identities;

	Subscriptions(ObjectProvider<GraphQlGateway> gateway, ObjectProvider<Supergraph> supergraph,
			UpstreamSubscriptions upstream, SubscriptionProperties properties, IdentityHeaders identities) {
		this.gateway = gateway;
		this.supergraph = supergraph;
		this.upstream = upstream;
		this.properties = properties;
		this.identities = identities;
	}

	/**
	 * Executes an operation.
	 * @param request the client's request
	 * @param upstreamInit the {@code connection_init} payload for the subgraph leg (also
	 * sent as headers of its WebSocket upgrade)
	 * @param principal who connected: a {@link CallerIdentity} is authorized and runs
	 * every fetch with its identity; anything else runs as the caller in the Reactor
	 * context, anonymous when none
	 * @return the responses; request errors, refusals and failures of the subgraph leg
	 * are signalled (see {@link SubscriptionErrors})
	 */
	Flux<ObjectNode> execute(GraphQlRequest request, Map<String, String> upstreamInit, @Nullable Object principal) {
		Flux<ObjectNode> responses = Flux.deferContextual((context) -> {
			CallerIdentity caller = CallerContext.orAnonymous(context);
			GraphQlGateway gateway = this.gateway.getIfAvailable();
			Supergraph supergraph = this.supergraph.getIfAvailable();
			if (gateway == null || supergraph == null) {
				throw new RequestException(
						"No supergraph is configured: set zielwerk.gateway.supergraph or zielwerk.gateway.subgraphs.",
						"BAD_REQUEST");
			}
			AuthorizedPlan authorized = gateway.planSubscription(request, caller);
			if (authorized == null) {
				return gateway.execute(request).flux();
			}
			SubscriptionPlan split = SubscriptionPlan.of(authorized.plan());
			ObjectNode payload = NODES.objectNode().put("query", split.operation());
			ObjectNode variables = payload.putObject("variables");
			for (String name : split.root().variables()) {
				JsonNode value = request.variables().get(name);
				if (value != null) {
					variables.set(name, value);
				}
			}
			Map<String, String> upstream = upstream(upstreamInit, caller);
			ObjectNode init = NODES.objectNode();
			upstream.forEach(init::put);
			HttpHeaders headers = new HttpHeaders();
			upstream.forEach(headers::set);
			Flux<ObjectNode> events = this.upstream.subscribe(split.subgraph(),
					uri(supergraph.subgraph(split.subgraph()).url(), split.subgraph()), headers, init, payload);
			return bounded(events, this.properties.bufferSize(), this.properties.overflow())
				.concatMap((event) -> gateway
					.executeSubscriptionEvent(split.dependents(), request.variables(), event, split.subgraph())
					.map(authorized::complete), 1);
		});
		// the caller of the connection, for authorization and for the identity header of
		// every fetch of every event
		return (principal instanceof CallerIdentity caller) ? responses.contextWrite(CallerContext.with(caller))
				: responses;
	}

	/**
	 * What the subgraph leg gets: the connection's entries with an identity token minted
	 * now, because a connection (and the token minted when it was accepted) may live
	 * longer than a token.
	 */
	private Map<String, String> upstream(Map<String, String> upstreamInit, CallerIdentity caller) {
		String token = this.identities.token(caller);
		if (token == null) {
			return upstreamInit;
		}
		Map<String, String> upstream = new LinkedHashMap<>(upstreamInit);
		upstream.put(IdentityTokens.HEADER, token);
		return upstream;
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
