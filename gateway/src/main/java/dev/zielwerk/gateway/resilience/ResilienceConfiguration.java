package dev.zielwerk.gateway.resilience;

import java.util.Map;

import dev.zielwerk.gateway.execute.SubgraphClientDecorator;
import dev.zielwerk.gateway.router.GatewayProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Guards the subgraph client with each subgraph's {@link Policy}: defaults from
 * {@code zielwerk.gateway.resilience.*}, overrides from
 * {@code zielwerk.gateway.subgraphs.<name>.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "zielwerk.gateway.resilience.enabled", matchIfMissing = true)
class ResilienceConfiguration {

	@Bean
	SubgraphGuards subgraphGuards(ResilienceProperties resilience, GatewayProperties gateway, Environment environment) {
		Policy defaults = resilience.defaults(gateway.subgraphTimeout());
		Map<String, SubgraphPolicy> overrides = Binder.get(environment)
			.bind("zielwerk.gateway.subgraphs", Bindable.mapOf(String.class, SubgraphPolicy.class))
			.orElse(Map.of());
		return new SubgraphGuards((name) -> {
			SubgraphPolicy override = overrides.get(name);
			return (override != null) ? override.over(defaults) : defaults;
		});
	}

	/** Innermost: the guards wrap the HTTP client itself, telemetry wraps them. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SubgraphClientDecorator resilientSubgraphClient(SubgraphGuards guards) {
		return (client) -> new ResilientSubgraphClient(client, guards);
	}

}
