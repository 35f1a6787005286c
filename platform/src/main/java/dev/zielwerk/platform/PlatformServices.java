package dev.zielwerk.platform;

import java.util.List;

import dev.zielwerk.platform.ServiceLaunch.Link;
import dev.zielwerk.profile.ProfileServiceApplication;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/** The services the platform starts, in start order. */
final class PlatformServices {

	/** profile-service's write key when none is configured. */
	static final String DEFAULT_WRITE_KEY = "dev-write-key";

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
				PlatformServices::writeKeyNotes);
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
