package dev.zielwerk.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.testsupport.TestDatabase;
import dev.zielwerk.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The launcher behind the start command, on free ports against the test infrastructure:
 * every service starts, reports UP, and stops again.
 */
class ZielwerkPlatformIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void startsEveryServiceWhichReportsUpAndStopsThem() throws IOException, InterruptedException {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		TestDatabase database = infrastructure.newDatabase(ZielwerkPlatformIT.class.getSimpleName());
		PlatformInfrastructure platformInfrastructure = new PlatformInfrastructure(infrastructure.postgres(),
				database.name(), infrastructure.redis());
		int port;
		try (RunningPlatform platform = PlatformLauncher.launch(platformInfrastructure, PlatformServices.all(),
				Map.of("zielwerk.redis.namespace", "zwtest:platform:" + UUID.randomUUID()), true)) {
			assertThat(platform.services()).hasSameSizeAs(PlatformServices.all());
			port = platform.port("profile-service");
			HttpResponse<String> health = get(port, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
			assertThat(get(port, "/graphiql").statusCode()).isLessThan(400);
		}
		int stoppedPort = port;
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(stoppedPort, "/actuator/health"));
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
