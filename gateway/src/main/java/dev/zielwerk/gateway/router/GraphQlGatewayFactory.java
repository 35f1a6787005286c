package dev.zielwerk.gateway.router;

import dev.zielwerk.gateway.supergraph.Supergraph;

/**
 * Builds the request pipeline for a supergraph, with everything the configuration puts
 * around it (subgraph client, limits). One place, so a supergraph reload gets the same
 * pipeline as startup.
 */
@FunctionalInterface
public interface GraphQlGatewayFactory {

	GraphQlGateway create(Supergraph supergraph);

}
