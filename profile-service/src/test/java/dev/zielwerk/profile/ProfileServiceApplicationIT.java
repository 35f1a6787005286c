package dev.zielwerk.profile;

import java.time.Duration;
import java.util.List;

import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ProfileServiceApplicationIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, ProfileServiceApplicationIT.class);
	}

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Test
	void migratesTheProfileSchemaAndWorksInIt() {
		List<String> tables = this.database
			.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1")
			.map((row, meta) -> row.get(0, String.class))
			.all()
			.collectList()
			.block();
		assertThat(tables).contains("profiles", "identities", "traits", "events", "consents", "outbox");
	}

	@Test
	void reportsHealthUp() {
		// the first health check opens pools to PostgreSQL and Redis: slow on a loaded
		// machine, and the default 5 s timeout is about load, not health
		this.client.mutate()
			.responseTimeout(Duration.ofSeconds(30))
			.build()
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

}
