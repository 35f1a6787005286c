package dev.zielwerk.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.zielwerk.demo.DemoLoader;
import dev.zielwerk.demo.DemoSegments;
import dev.zielwerk.demo.DemoSettings;
import dev.zielwerk.testsupport.TestDatabase;
import dev.zielwerk.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A small demo population loads end to end: through profile-service's ingestion into its
 * tables, through the stream into segment-service's membership, and the demo segments
 * exist and fill up, as the gateway shows them.
 */
class DemoDataIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aSmallPopulationLoadsThroughIngestionAndFillsTheDemoSegments() throws Exception {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		TestDatabase database = infrastructure.newDatabase(DemoDataIT.class.getSimpleName());
		try (RunningPlatform platform = PlatformLauncher.launch(
				new PlatformInfrastructure(infrastructure.postgres(), database.name(), infrastructure.redis()),
				PlatformServices.all(), PlatformTestProperties.overrides("demo"), true)) {
			DemoSettings settings = new DemoSettings(120, 3_000, 180, 42);
			DemoLoader.Report report = PlatformDemo.load(platform, settings, 2);
			assertThat(report.profiles()).isEqualTo(120);
			assertThat(report.events()).isBetween(2_500L, 3_500L);

			DatabaseClient profiles = platform.context(PlatformServices.PROFILE).getBean(DatabaseClient.class);
			// every person has a profile (anonymous visits were merged into them)
			assertThat(count(profiles, "SELECT count(*) FROM profiles WHERE merged_into IS NULL")).isEqualTo(120);
			assertThat(count(profiles, "SELECT count(*) FROM events")).isGreaterThanOrEqualTo(report.events());
			assertThat(count(profiles, "SELECT count(*) FROM consents WHERE status = 'WITHDRAWN'")).isPositive();

			// loading again changes nothing: the message ids are the seed's
			PlatformDemo.load(platform, settings, 2);
			assertThat(count(profiles, "SELECT count(*) FROM profiles WHERE merged_into IS NULL")).isEqualTo(120);

			int gateway = platform.port(PlatformServices.GATEWAY);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
				String sizes = post(gateway,
						"{\"query\":\"{ segments(first: 50) { totalCount edges { node { key size } } } }\"}");
				assertThat(sizes).contains("\"totalCount\":" + DemoSegments.all().size());
				for (String key : List.of("dach", "repeat-buyers", "one-time-buyers", "b2b-enterprise")) {
					assertThat(sizes).as(key).containsPattern("\"key\":\"" + key + "\",\"size\":[1-9]");
				}
			});
		}
	}

	private static long count(DatabaseClient database, String sql) {
		return database.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

	private String post(int port, String json) throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
