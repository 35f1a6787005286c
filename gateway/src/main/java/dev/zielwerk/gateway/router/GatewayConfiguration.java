package dev.zielwerk.gateway.router;

import dev.zielwerk.gateway.execute.HttpSubgraphClient;
import dev.zielwerk.gateway.execute.PlanExecutor;
import dev.zielwerk.gateway.execute.SubgraphClient;
import dev.zielwerk.gateway.limits.ExposureProperties;
import dev.zielwerk.gateway.limits.LimitsProperties;
import dev.zielwerk.gateway.limits.OperationGuard;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the gateway when {@code zielwerk.gateway.supergraph} names a supergraph.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("zielwerk.gateway.supergraph")
class GatewayConfiguration {

	@Bean
	Supergraph supergraph(GatewayProperties properties) {
		return SupergraphLoader.load(String.valueOf(properties.supergraph()));
	}

	@Bean(destroyMethod = "dispose")
	ConnectionProvider subgraphConnections(GatewayProperties properties) {
		return ConnectionProvider.builder("subgraphs").maxConnections(properties.maxConnections()).build();
	}

	@Bean
	SubgraphClient subgraphClient(ConnectionProvider subgraphConnections, GatewayProperties properties) {
		return new HttpSubgraphClient(subgraphConnections, properties.subgraphTimeout());
	}

	@Bean
	GraphQlGateway graphQlGateway(Supergraph supergraph, SubgraphClient subgraphClient, JsonMapper mapper,
			GatewayProperties properties, LimitsProperties limits, ExposureProperties exposure) {
		return new GraphQlGateway(supergraph,
				new PlanExecutor(supergraph, subgraphClient, mapper, properties.deduplicateSubgraphRequests()), mapper,
				properties.planCacheSize(), properties.deduplicateClientRequests(),
				new OperationGuard(supergraph, limits, exposure.introspection()));
	}

}
