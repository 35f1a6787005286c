package dev.zielwerk.gateway.router;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.zielwerk.gateway.composition.SubgraphDefinition;
import dev.zielwerk.gateway.composition.SubgraphSdlFetcher;
import dev.zielwerk.gateway.composition.SupergraphComposer;
import dev.zielwerk.gateway.execute.HttpSubgraphClient;
import dev.zielwerk.gateway.execute.PlanExecutor;
import dev.zielwerk.gateway.execute.SubgraphClient;
import dev.zielwerk.gateway.execute.SubgraphClientDecorator;
import dev.zielwerk.gateway.execute.SubgraphRequestHeaders;
import dev.zielwerk.gateway.limits.ExposureProperties;
import dev.zielwerk.gateway.limits.LimitsProperties;
import dev.zielwerk.gateway.limits.OperationGuard;
import dev.zielwerk.gateway.authz.Authorizer;
import dev.zielwerk.gateway.security.SecurityProperties;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Wires the gateway when {@code zielwerk.gateway.supergraph} names a supergraph, or else
 * when {@code zielwerk.gateway.subgraphs} lists subgraphs to compose one from.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SupergraphConfigured.class)
class GatewayConfiguration {

	private static final Log logger = LogFactory.getLog(GatewayConfiguration.class);

	@Bean
	Supergraph supergraph(GatewayProperties properties, JsonMapper mapper) {
		String location = properties.supergraph();
		if (StringUtils.hasText(location)) {
			return SupergraphLoader.load(location);
		}
		List<SubgraphDefinition> definitions = new ArrayList<>();
		Map<String, GatewayProperties.SubgraphProperties> subgraphs = properties.subgraphs();
		if (subgraphs != null) {
			subgraphs.forEach((name, subgraph) -> {
				if (StringUtils.hasText(subgraph.url())) {
					definitions.add(new SubgraphDefinition(name, subgraph.url(), subgraph.sdl()));
				}
			});
		}
		SubgraphSdlFetcher fetcher = new SubgraphSdlFetcher(mapper, properties.sdlFetchAttempts(),
				properties.sdlFetchBackoff());
		// fails startup with every composition error (CompositionException)
		String sdl = SupergraphComposer.compose(fetcher.sources(definitions)).supergraphSdlOrThrow();
		logger.info("Composed the supergraph from subgraphs "
				+ definitions.stream().map(SubgraphDefinition::name).sorted().toList());
		return SupergraphLoader.parse(sdl);
	}

	@Bean(destroyMethod = "dispose")
	ConnectionProvider subgraphConnections(GatewayProperties properties) {
		return ConnectionProvider.builder("subgraphs").maxConnections(properties.maxConnections()).build();
	}

	@Bean
	SubgraphClient subgraphClient(ConnectionProvider subgraphConnections, GatewayProperties properties,
			ObjectProvider<SubgraphRequestHeaders> headers, ObjectProvider<SubgraphClientDecorator> decorators) {
		SubgraphClient client = new HttpSubgraphClient(subgraphConnections, properties.subgraphTimeout(),
				headers.orderedStream().toList());
		// resilience and telemetry wrap the HTTP edge, the first decorator innermost
		for (SubgraphClientDecorator decorator : decorators.orderedStream().toList()) {
			client = decorator.decorate(client);
		}
		return client;
	}

	@Bean
	GraphQlGatewayFactory graphQlGatewayFactory(SubgraphClient subgraphClient, JsonMapper mapper,
			GatewayProperties properties, LimitsProperties limits, ExposureProperties exposure,
			SecurityProperties security) {
		return (supergraph) -> new GraphQlGateway(supergraph,
				new PlanExecutor(supergraph, subgraphClient, mapper, properties.deduplicateSubgraphRequests()), mapper,
				properties.planCacheSize(), properties.deduplicateClientRequests(),
				new OperationGuard(supergraph, limits, exposure.introspection()),
				new Authorizer(supergraph.accessRules(), supergraph.schema(), security.rejectUnauthorized()));
	}

	@Bean
	GraphQlGateway graphQlGateway(Supergraph supergraph, GraphQlGatewayFactory factory) {
		return factory.create(supergraph);
	}

}
