package dev.zielwerk.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import dev.zielwerk.testsupport.TestDatabase;
import dev.zielwerk.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The launcher behind the start command, on free ports against the test infrastructure:
 * every service starts, reports UP, the gateway serves the composed graph and its pages,
 * and everything stops again.
 */
class ZielwerkPlatformIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsEveryServiceWhichReportsUpAndStopsThem() throws IOException, InterruptedException {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		TestDatabase database = infrastructure.newDatabase(ZielwerkPlatformIT.class.getSimpleName());
		PlatformInfrastructure platformInfrastructure = new PlatformInfrastructure(infrastructure.postgres(),
				database.name(), infrastructure.redis());
		Map<String, Integer> ports = new HashMap<>();
		try (RunningPlatform platform = PlatformLauncher.launch(platformInfrastructure, PlatformServices.all(),
				PlatformTestProperties.overrides("platform"), true)) {
			assertThat(platform.services()).hasSameSizeAs(PlatformServices.all());
			for (ServiceLaunch service : PlatformServices.all()) {
				int port = platform.port(service.name());
				ports.put(service.name(), port);
				HttpResponse<String> health = get(port, "/actuator/health");
				assertThat(health.statusCode()).as(service.name()).isEqualTo(200);
				assertThat(health.body()).as(service.name()).contains("\"status\":\"UP\"");
			}
			int gateway = platform.port("gateway");
			assertThat(get(gateway, "/graphiql").body()).contains("GraphiQL");
			assertThat(get(gateway, "/dashboard").statusCode()).isEqualTo(200);
			// the gateway's /graphql is the composed graph, not a subgraph's own schema
			HttpResponse<String> types = post(gateway,
					"{\"query\":\"{ q: __type(name: \\\"Query\\\") { fields { name } } }\"}");
			assertThat(types.body()).contains("\"profile\"", "\"segments\"", "\"audienceSync\"")
				.doesNotContain("_service");
		}
		for (Map.Entry<String, Integer> stopped : ports.entrySet()) {
			assertThatExceptionOfType(IOException.class).as(stopped.getKey())
				.isThrownBy(() -> get(stopped.getValue(), "/actuator/health"));
		}
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(int port, String json) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
