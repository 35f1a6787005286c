package dev.zielwerk.gateway.http;

import dev.zielwerk.gateway.apq.PersistedQueries;
import dev.zielwerk.gateway.limits.ExposureProperties;
import dev.zielwerk.gateway.limits.LimitsProperties;
import dev.zielwerk.gateway.resilience.SupergraphReloader;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.telemetry.GatewayMetrics;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes {@code /graphql} to the gateway and serves GraphiQL at {@code /graphiql} and the
 * live dashboard at {@code /dashboard}.
 */
@Configuration(proxyBeanMethods = false)
class GraphQlRoutes {

	@Bean
	RouterFunction<ServerResponse> graphQlRouterFunction(ObjectProvider<GraphQlGateway> gateway, JsonMapper mapper,
			LimitsProperties limits, ExposureProperties exposure, ObjectProvider<PersistedQueries> persistedQueries,
			ObjectProvider<SupergraphReloader> reloader, ObjectProvider<GatewayMetrics> metrics) {
		// each request runs on the pipeline of the supergraph current when it arrives
		ObjectProvider<GraphQlGateway> current = new ObjectProvider<>() {

			@Override
			public @Nullable GraphQlGateway getIfAvailable() {
				SupergraphReloader reloading = reloader.getIfAvailable();
				return (reloading != null) ? reloading.current() : gateway.getIfAvailable();
			}

			@Override
			public GraphQlGateway getObject() {
				GraphQlGateway available = getIfAvailable();
				return (available != null) ? available : gateway.getObject();
			}

		};
		GraphQlHttpHandler handler = new GraphQlHttpHandler(current, mapper, limits,
				persistedQueries.getIfAvailable(PersistedQueries::disabled), metrics.getIfAvailable());
		RouterFunctions.Builder routes = RouterFunctions.route()
			.POST("/graphql", handler::post)
			.GET("/graphql", handler::get);
		if (exposure.graphiql()) {
			Resource graphiql = new ClassPathResource("graphiql/index.html");
			routes.GET("/graphiql",
					(request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(graphiql));
		}
		// The live dashboard is a page of the gateway's own API (segments, graphql-ws),
		// so it is always served.
		Resource dashboard = new ClassPathResource("dashboard/index.html");
		routes.GET("/dashboard",
				(request) -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(dashboard));
		return routes.build();
	}

}
