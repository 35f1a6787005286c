package dev.zielwerk.platform;

import dev.zielwerk.localinfra.PostgresServer;
import dev.zielwerk.localinfra.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformServicesTests {

	@Test
	void printsTheConfiguredWriteKeysWithARequestToTryThem() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("zielwerk.profile.ingest.write-keys", "shop-key,app-key")
			.withProperty("local.server.port", "4101");
		assertThat(PlatformServices.writeKeyNotes(environment)).containsExactly(
				"write key (HTTP Basic user, empty password): shop-key, app-key",
				"try: curl -u shop-key: -H 'Content-Type: application/json' "
						+ "-d '{\"userId\":\"u1\",\"event\":\"Signed Up\"}' http://localhost:4101/v1/track");
	}

	@Test
	void fallsBackToTheServiceDefaultWriteKey() {
		assertThat(PlatformServices.writeKeyNotes(new MockEnvironment()).get(0)).endsWith(": dev-write-key");
	}

	@Test
	void pointsEveryServiceAtTheSameDatabaseAndRedis() {
		PlatformInfrastructure infrastructure = new PlatformInfrastructure(
				new PostgresServer("127.0.0.1", 5433, "app", "secret"), "zielwerk", new RedisServer("127.0.0.1", 6380));
		assertThat(infrastructure.properties())
			.containsEntry("spring.r2dbc.url", "r2dbc:postgresql://127.0.0.1:5433/zielwerk")
			.containsEntry("spring.r2dbc.username", "app")
			.containsEntry("spring.r2dbc.password", "secret")
			.containsEntry("spring.flyway.url", "jdbc:postgresql://127.0.0.1:5433/zielwerk")
			.containsEntry("spring.flyway.user", "app")
			.containsEntry("spring.flyway.password", "secret")
			.containsEntry("spring.data.redis.url", "redis://127.0.0.1:6380");
	}

	@Test
	void startsProfileServiceOnItsDocumentedPort() {
		ServiceLaunch first = PlatformServices.all().get(0);
		assertThat(first.name()).isEqualTo("profile-service");
		assertThat(first.port()).isEqualTo(4001);
	}

}
