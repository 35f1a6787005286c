package dev.zielwerk.localinfra;

import java.nio.file.Path;
import java.util.Map;

import dev.zielwerk.localinfra.LocalInfrastructureSettings.Mode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalInfrastructureSettingsTests {

	@Test
	void defaultsToTheReadmeServersInAutoMode() {
		LocalInfrastructureSettings settings = LocalInfrastructureSettings.from((name) -> null);
		assertThat(settings.postgresUrl()).isEqualTo("postgresql://postgres@127.0.0.1:5432/zielwerk");
		assertThat(settings.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
		assertThat(settings.mode()).isEqualTo(Mode.AUTO);
		assertThat(settings.dataDirectory()).isEqualTo(Path.of(".zielwerk"));
		assertThat(settings.database()).isEqualTo("zielwerk");
	}

	@Test
	void readsEveryName() {
		Map<String, String> values = Map.of("ZW_POSTGRES_URL", "postgresql://app:secret@db:5433/crm", "ZW_REDIS_URL",
				"redis://cache:6380", "ZW_INFRA", "Embedded", "ZW_DATA_DIR", "/var/zw");
		LocalInfrastructureSettings settings = LocalInfrastructureSettings.from(values::get);
		assertThat(PostgresServer.parse(settings.postgresUrl()))
			.isEqualTo(new PostgresServer("db", 5433, "app", "secret"));
		assertThat(settings.database()).isEqualTo("crm");
		assertThat(RedisServer.parse(settings.redisUrl())).isEqualTo(new RedisServer("cache", 6380));
		assertThat(settings.mode()).isEqualTo(Mode.EMBEDDED);
		assertThat(settings.dataDirectory()).isEqualTo(Path.of("/var/zw"));
	}

	@Test
	void rejectsAnUnknownMode() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LocalInfrastructureSettings.from((name) -> "ZW_INFRA".equals(name) ? "docker" : null))
			.withMessageContaining("auto, configured or embedded");
	}

	@Test
	void neverPrintsThePassword() {
		assertThat(PostgresServer.parse("jdbc:postgresql://app:secret@db/crm")).hasToString("postgresql://app@db:5432");
	}

}
