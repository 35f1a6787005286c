package dev.zielwerk.testsupport;

import java.sql.SQLException;
import java.util.Map;

import dev.zielwerk.localinfra.PostgresServer;
import dev.zielwerk.localinfra.RedisServer;
import dev.zielwerk.testsupport.TestInfrastructure.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The embedded path, forced even where CI sets the environment: real PostgreSQL and Redis
 * binaries from Maven artifacts, started (as root too) and stopped again.
 */
class EmbeddedInfrastructureIT {

	@Test
	void forcedEmbeddedStartsRealServersAndStopsThem() throws SQLException {
		Map<String, String> settings = Map.of("zielwerk.test.infra", "embedded", "ZW_TEST_POSTGRES_URL",
				"postgresql://postgres@127.0.0.1:5432/postgres", "ZW_TEST_REDIS_URL", "redis://127.0.0.1:6379");
		PostgresServer postgres;
		RedisServer redis;
		try (TestInfrastructure infrastructure = TestInfrastructure.start(settings::get, () -> false)) {
			postgres = infrastructure.postgres();
			redis = infrastructure.redis();
			assertThat(infrastructure.source()).isEqualTo("embedded");
			assertThat(infrastructure.postgresSource()).isEqualTo(Source.EMBEDDED);
			assertThat(postgres.port()).isNotEqualTo(5432);
			assertThat(Sql.queryOne(postgres, "postgres", "SELECT version()")).startsWith("PostgreSQL 17.");
			TestDatabase database = infrastructure.newDatabase(EmbeddedInfrastructureIT.class.getSimpleName());
			assertThat(Sql.queryOne(postgres, database.name(), "SELECT current_database()")).isEqualTo(database.name());
			assertThat(redis.port()).isNotEqualTo(6379);
			assertThat(RedisPing.ping(redis)).isEqualTo("PONG");
		}
		assertThatException().isThrownBy(() -> Sql.queryOne(postgres, "postgres", "SELECT 1"));
		assertThatException().isThrownBy(() -> RedisPing.ping(redis));
	}

}
