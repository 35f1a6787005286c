package dev.zielwerk.localinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedServersIT {

	@Test
	void persistentPostgresKeepsItsDataAcrossRestarts(@TempDir Path directory) throws SQLException {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.startPersistent(directory)) {
			PostgresAdmin.createDatabaseIfMissing(postgres.server(), "kept");
			execute(postgres.server(), "kept",
					"CREATE TABLE marker (value text); INSERT INTO marker VALUES ('still here')");
		}
		assertThat(directory.resolve("data").resolve("PG_VERSION")).exists();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.startPersistent(directory)) {
			assertThat(PostgresAdmin.createDatabaseIfMissing(postgres.server(), "kept")).isFalse();
			assertThat(queryOne(postgres.server(), "kept", "SELECT value FROM marker")).isEqualTo("still here");
		}
		assertThat(Files.exists(directory.resolve("postgres.log"))).isTrue();
	}

	@Test
	void ephemeralRedisAnswersPingAndStops() {
		RedisServer server;
		try (EmbeddedRedis redis = EmbeddedRedis.startEphemeral()) {
			server = redis.server();
			assertThat(Probes.redis(server, Duration.ofSeconds(1))).isEmpty();
		}
		assertThat(Probes.redis(server, Duration.ofSeconds(1))).startsWith("no answer");
	}

	static String queryOne(PostgresServer server, String database, String sql) throws SQLException {
		try (Connection connection = PostgresAdmin.connect(server, database);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

	static void execute(PostgresServer server, String database, String sql) throws SQLException {
		try (Connection connection = PostgresAdmin.connect(server, database);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
