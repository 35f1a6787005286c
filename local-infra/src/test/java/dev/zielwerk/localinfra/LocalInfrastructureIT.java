package dev.zielwerk.localinfra;

import java.sql.SQLException;
import java.time.Duration;

import dev.zielwerk.localinfra.LocalInfrastructure.Origin;
import dev.zielwerk.localinfra.LocalInfrastructureSettings.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LocalInfrastructureIT {

	@Test
	void startsEmbeddedServersWhenTheConfiguredOnesDoNotAnswerAndUsesConfiguredOnesThatDo() throws SQLException {
		LocalInfrastructureSettings unreachable = new LocalInfrastructureSettings(
				"postgresql://postgres@127.0.0.1:" + FreePorts.next() + "/zielwerk",
				"redis://127.0.0.1:" + FreePorts.next(), Mode.AUTO, null, Duration.ofSeconds(1));
		PostgresServer postgres;
		RedisServer redis;
		try (LocalInfrastructure embedded = LocalInfrastructure.resolve(unreachable)) {
			postgres = embedded.postgres();
			redis = embedded.redis();
			assertThat(embedded.postgresOrigin()).isEqualTo(Origin.EMBEDDED);
			assertThat(EmbeddedServersIT.queryOne(postgres, "postgres", "SELECT version()"))
				.startsWith("PostgreSQL 17.");
			assertThat(embedded.redisOrigin()).isEqualTo(Origin.EMBEDDED);
			assertThat(Probes.postgres(embedded.postgres(), Duration.ofSeconds(2))).isEmpty();
			assertThat(Probes.redis(embedded.redis(), Duration.ofSeconds(2))).isEmpty();

			// now configure the servers just started: they answer, so they are used
			LocalInfrastructureSettings reachable = new LocalInfrastructureSettings(
					"postgresql://postgres@127.0.0.1:" + embedded.postgres().port() + "/zielwerk",
					embedded.redis().url(), Mode.AUTO, null, Duration.ofSeconds(2));
			try (LocalInfrastructure configured = LocalInfrastructure.resolve(reachable)) {
				assertThat(configured.postgresOrigin()).isEqualTo(Origin.CONFIGURED);
				assertThat(configured.postgres().port()).isEqualTo(embedded.postgres().port());
				assertThat(configured.redisOrigin()).isEqualTo(Origin.CONFIGURED);
				assertThat(configured.redis()).isEqualTo(embedded.redis());
			}
			// closing it left the configured servers running
			assertThat(Probes.postgres(embedded.postgres(), Duration.ofSeconds(2))).isEmpty();
			assertThat(Probes.redis(embedded.redis(), Duration.ofSeconds(2))).isEmpty();
		}
		// closing it stopped what it started
		assertThat(Probes.postgres(postgres, Duration.ofSeconds(1))).startsWith("no answer");
		assertThat(Probes.redis(redis, Duration.ofSeconds(1))).startsWith("no answer");
	}

	@Test
	void configuredModeFailsClearlyWhenTheServerDoesNotAnswer() {
		int port = FreePorts.next();
		LocalInfrastructureSettings settings = new LocalInfrastructureSettings(
				"postgresql://postgres@127.0.0.1:" + port + "/zielwerk", "redis://127.0.0.1:" + FreePorts.next(),
				Mode.CONFIGURED, null, Duration.ofSeconds(1));
		assertThatIllegalStateException().isThrownBy(() -> LocalInfrastructure.resolve(settings))
			.withMessageContaining("PostgreSQL at postgresql://postgres@127.0.0.1:" + port)
			.withMessageContaining("ZW_INFRA=configured");
	}

}
