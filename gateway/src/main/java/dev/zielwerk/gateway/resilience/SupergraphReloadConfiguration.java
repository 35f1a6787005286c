package dev.zielwerk.gateway.resilience;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.router.GraphQlGatewayFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reloads the supergraph when {@code zielwerk.gateway.supergraph} is a local file (a path
 * or a {@code file:} URL). The HTTP routes ask the reloader for the pipeline of each
 * request.
 */
@Configuration(proxyBeanMethods = false)
class SupergraphReloadConfiguration {

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnProperty("zielwerk.gateway.supergraph")
	SupergraphReloader supergraphReloader(GraphQlGateway graphQlGateway, GraphQlGatewayFactory factory,
			SupergraphReloadProperties properties, @Value("${zielwerk.gateway.supergraph:}") String location) {
		return new SupergraphReloader(graphQlGateway, file(location), factory, properties);
	}

	static @Nullable Path file(String location) {
		if (location.isBlank() || location.startsWith("http://") || location.startsWith("https://")) {
			return null;
		}
		Path path = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
		return Files.isRegularFile(path) ? path : null;
	}

}
