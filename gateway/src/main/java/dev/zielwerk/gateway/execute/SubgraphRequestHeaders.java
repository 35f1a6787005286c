package dev.zielwerk.gateway.execute;

import dev.zielwerk.gateway.supergraph.Subgraph;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.util.context.ContextView;

/**
 * Adds headers to a subgraph request from what the client request left in the Reactor
 * context (trace context, caller identity). Beans of this type are applied by
 * {@link HttpSubgraphClient} in order.
 */
@FunctionalInterface
public interface SubgraphRequestHeaders {

	/**
	 * Adds headers.
	 * @param subgraph the target
	 * @param context the Reactor context of the client request
	 * @param headers the request headers to add to
	 */
	void add(Subgraph subgraph, ContextView context, HttpHeaders headers);

}
