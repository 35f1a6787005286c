package dev.zielwerk.platform;

import java.util.List;
import java.util.Map;

import dev.zielwerk.connectors.ConnectorsApplication;
import dev.zielwerk.gateway.GatewayApplication;
import dev.zielwerk.platform.ServiceLaunch.Link;
import dev.zielwerk.profile.ProfileServiceApplication;
import dev.zielwerk.segment.SegmentServiceApplication;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** The services the platform starts, in start order: the subgraphs, then the gateway. */
final class PlatformServices {

	/** profile-service's write key when none is configured. */
	static final String DEFAULT_WRITE_KEY = "dev-write-key";

	static final String PROFILE = "profile-service";

	static final String SEGMENT = "segment-service";

	static final String CONNECTORS = "connectors";

	static final String GATEWAY = "gateway";

	/**
	 * Auto-configurations the gateway must not get from the shared classpath: it has no
	 * GraphQL engine of its own (the subgraphs' SDLs would be found and served at its
	 * {@code /graphql}), no database and no Redis.
	 */
	static final String GATEWAY_EXCLUDES = String.join(",",
			"org.springframework.boot.graphql.autoconfigure.GraphQlAutoConfiguration",
			"org.springframework.boot.graphql.autoconfigure.reactive.GraphQlWebFluxAutoConfiguration",
			"org.springframework.boot.graphql.autoconfigure.observation.GraphQlObservationAutoConfiguration",
			"org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration",
			"org.springframework.boot.data.redis.autoconfigure.DataRedisRepositoriesAutoConfiguration");

	private PlatformServices() {
	}

	static List<ServiceLaunch> all() {
		return List.of(profileService(), segmentService(), connectors(), gateway());
	}

	static ServiceLaunch profileService() {
		return new ServiceLaunch(PROFILE, ProfileServiceApplication.class, 4001, true,
				List.of(new Link("GraphQL", "/graphql"), new Link("GraphiQL", "/graphiql"),
						new Link("Segment-spec ingestion", "/v1/{track,identify,page,screen,group,alias,batch}"),
						new Link("health", "/actuator/health")),
				PlatformServices::writeKeyNotes, (ports) -> Map.of());
	}

	static ServiceLaunch segmentService() {
		return new ServiceLaunch(
				SEGMENT, SegmentServiceApplication.class, 4002, true, List.of(new Link("GraphQL", "/graphql"),
						new Link("graphql-ws", "/graphql (WebSocket)"), new Link("health", "/actuator/health")),
				(environment) -> List.of(), (ports) -> Map.of());
	}

	static ServiceLaunch connectors() {
		return new ServiceLaunch(CONNECTORS, ConnectorsApplication.class, 4003, true,
				List.of(new Link("GraphQL", "/graphql"), new Link("health", "/actuator/health")),
				(environment) -> List.of(),
				// sync runs read audiences through the gateway
				(ports) -> Map.of("zielwerk.connectors.gateway.url", ports.url(GATEWAY, "/graphql")));
	}

	static ServiceLaunch gateway() {
		return new ServiceLaunch(GATEWAY, GatewayApplication.class, 4000, false,
				List.of(new Link("GraphQL", "/graphql"), new Link("GraphiQL", "/graphiql"),
						new Link("dashboard", "/dashboard"), new Link("health", "/actuator/health")),
				(environment) -> List.of(), PlatformServices::gatewayProperties);
	}

	/**
	 * The gateway composes the SDLs of {@code schema/} (its own default) with the URLs
	 * the subgraphs run at.
	 */
	static Map<String, Object> gatewayProperties(PlatformPorts ports) {
		return Map.of("zielwerk.gateway.subgraphs.profile.url", ports.url(PROFILE, "/graphql"),
				"zielwerk.gateway.subgraphs.segment.url", ports.url(SEGMENT, "/graphql"),
				"zielwerk.gateway.subgraphs.connectors.url", ports.url(CONNECTORS, "/graphql"),
				"spring.autoconfigure.exclude", GATEWAY_EXCLUDES);
	}

	/**
	 * The write keys ingestion accepts ({@code zielwerk.profile.ingest.write-keys}; the
	 * service's own default when unset) and a request to try one with.
	 */
	static List<String> writeKeyNotes(Environment environment) {
		List<String> keys = Binder.get(environment)
			.bind("zielwerk.profile.ingest.write-keys", Bindable.listOf(String.class))
			.orElse(List.of(DEFAULT_WRITE_KEY));
		String port = environment.getProperty("local.server.port", "4001");
		return List.of("write key (HTTP Basic user, empty password): " + String.join(", ", keys),
				"try: curl -u " + keys.get(0) + ": -H 'Content-Type: application/json' "
						+ "-d '{\"userId\":\"u1\",\"event\":\"Signed Up\"}' http://localhost:" + port + "/v1/track");
	}

}
