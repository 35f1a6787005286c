package dev.zielwerk.localinfra;

import java.time.Duration;

import dev.zielwerk.localinfra.LocalInfrastructure.Origin;
import dev.zielwerk.localinfra.LocalInfrastructureSettings.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LocalInfrastructureIT {

	@Test
	void startsEmbeddedServersWhenTheConfiguredOnesDoNotAnswer() {
		LocalInfrastructureSettings settings = new LocalInfrastructureSettings(
				"postgresql://postgres@127.0.0.1:" + FreePorts.next() + "/zielwerk",
				"redis://127.0.0.1:" + FreePorts.next(), Mode.AUTO, null, Duration.ofSeconds(1));
		try (LocalInfrastructure infrastructure = LocalInfrastructure.resolve(settings)) {
			assertThat(infrastructure.postgresOrigin()).isEqualTo(Origin.EMBEDDED);
			assertThat(infrastructure.redisOrigin()).isEqualTo(Origin.EMBEDDED);
			assertThat(Probes.postgres(infrastructure.postgres(), Duration.ofSeconds(2))).isEmpty();
			assertThat(Probes.redis(infrastructure.redis(), Duration.ofSeconds(2))).isEmpty();
		}
	}

	@Test
	void usesTheConfiguredServersWhenTheyAnswer() {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.startEphemeral();
				EmbeddedRedis redis = EmbeddedRedis.startEphemeral()) {
			LocalInfrastructureSettings settings = new LocalInfrastructureSettings(
					"postgresql://postgres@127.0.0.1:" + postgres.server().port() + "/zielwerk", redis.server().url(),
					Mode.AUTO, null, Duration.ofSeconds(2));
			try (LocalInfrastructure infrastructure = LocalInfrastructure.resolve(settings)) {
				assertThat(infrastructure.postgresOrigin()).isEqualTo(Origin.CONFIGURED);
				assertThat(infrastructure.postgres().port()).isEqualTo(postgres.server().port());
				assertThat(infrastructure.redisOrigin()).isEqualTo(Origin.CONFIGURED);
				assertThat(infrastructure.redis()).isEqualTo(redis.server());
			}
			// closing it leaves the configured servers running
			assertThat(Probes.postgres(postgres.server(), Duration.ofSeconds(2))).isEmpty();
		}
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
