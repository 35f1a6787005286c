package dev.zielwerk.testsupport;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import dev.zielwerk.localinfra.EmbeddedPostgres;
import dev.zielwerk.localinfra.EmbeddedRedis;
import dev.zielwerk.testsupport.TestInfrastructure.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The environment path: the servers named by {@code ZW_TEST_POSTGRES_URL} /
 * {@code ZW_TEST_REDIS_URL}. Where CI sets them these are the machine's own servers;
 * elsewhere embedded servers stand in for them, so the path is exercised everywhere.
 */
class EnvironmentInfrastructureIT {

	@Test
	void usesTheServersNamedByTheEnvironment() throws SQLException {
		String postgresUrl = System.getenv("ZW_TEST_POSTGRES_URL");
		String redisUrl = System.getenv("ZW_TEST_REDIS_URL");
		try (EmbeddedPostgres standInPostgres = (postgresUrl == null) ? EmbeddedPostgres.startEphemeral() : null;
				EmbeddedRedis standInRedis = (redisUrl == null) ? EmbeddedRedis.startEphemeral() : null) {
			Map<String, String> settings = new HashMap<>();
			settings.put("zielwerk.test.infra", "environment");
			settings.put("ZW_TEST_POSTGRES_URL", (standInPostgres != null)
					? "postgresql://postgres@127.0.0.1:" + standInPostgres.server().port() + "/postgres" : postgresUrl);
			settings.put("ZW_TEST_REDIS_URL", (standInRedis != null) ? standInRedis.server().url() : redisUrl);
			String createdName;
			try (TestInfrastructure infrastructure = TestInfrastructure.start(settings::get, () -> false)) {
				assertThat(infrastructure.source()).isEqualTo("environment");
				assertThat(infrastructure.postgresSource()).isEqualTo(Source.ENVIRONMENT);
				assertThat(infrastructure.redis().url()).isEqualTo(settings.get("ZW_TEST_REDIS_URL"));
				TestDatabase database = infrastructure.newDatabase("EnvironmentInfrastructureIT");
				createdName = database.name();
				assertThat(createdName).startsWith("zwt_environmentinfrastructureit_");
				assertThat(Sql.queryOne(infrastructure.postgres(), createdName, "SELECT current_database()"))
					.isEqualTo(createdName);
				assertThat(RedisPing.ping(infrastructure.redis())).isEqualTo("PONG");
				// closing drops the databases made on a shared server
			}
			PostgresLookup lookup = new PostgresLookup(settings.get("ZW_TEST_POSTGRES_URL"));
			assertThat(lookup.databaseExists(createdName)).isFalse();
		}
	}

}
