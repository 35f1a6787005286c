package dev.zielwerk.gateway.execute;

import dev.zielwerk.gateway.supergraph.Subgraph;
import reactor.core.publisher.Mono;

/**
 * Sends one GraphQL request body to a subgraph. The HTTP implementation is
 * {@link HttpSubgraphClient}; tests may answer from memory.
 */
@FunctionalInterface
public interface SubgraphClient {

	/**
	 * Posts a JSON GraphQL request.
	 * @param subgraph the target
	 * @param body the JSON request body
	 * @return the response; an error signal for transport failures
	 */
	Mono<SubgraphResponse> post(Subgraph subgraph, byte[] body);

}
