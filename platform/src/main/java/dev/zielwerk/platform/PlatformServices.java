package dev.zielwerk.platform;

import java.util.List;

import dev.zielwerk.platform.ServiceLaunch.Link;
import dev.zielwerk.profile.ProfileServiceApplication;

/** The services the platform starts, in start order. */
final class PlatformServices {

	private PlatformServices() {
	}

	static List<ServiceLaunch> all() {
		return List.of(profileService());
	}

	static ServiceLaunch profileService() {
		return new ServiceLaunch("profile-service", ProfileServiceApplication.class, 4001, "application",
				List.of(new Link("GraphQL", "/graphql"), new Link("GraphiQL", "/graphiql"),
						new Link("Segment-spec ingestion", "/v1/{track,identify,page,screen,group,alias,batch}"),
						new Link("health", "/actuator/health")),
				(environment) -> {
					String writeKey = environment.getProperty("zielwerk.ingest.write-key");
					return (writeKey != null) ? List.of("write key (HTTP Basic user, empty password): " + writeKey)
							: List.of();
				});
	}

}
