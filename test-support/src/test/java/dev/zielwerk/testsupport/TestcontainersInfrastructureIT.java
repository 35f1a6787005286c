package dev.zielwerk.testsupport;

import java.sql.SQLException;
import java.util.Map;

import dev.zielwerk.testsupport.TestInfrastructure.Source;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Testcontainers path against the real Docker check of this machine. Where a Docker
 * engine answers, the forced path starts PostgreSQL 17 and Redis 7 containers; where none
 * does (as on the project's CI machines), automatic selection falls back to embedded and
 * forcing Testcontainers fails with a clear message.
 */
class TestcontainersInfrastructureIT {

	private final boolean docker = DockerClientFactory.instance().isDockerAvailable();

	@Test
	void automaticSelectionFollowsTheRealDockerCheck() {
		InfrastructurePlan plan = InfrastructurePlan.choose((name) -> null, () -> this.docker);
		Source expected = this.docker ? Source.TESTCONTAINERS : Source.EMBEDDED;
		assertThat(plan.postgres()).isEqualTo(expected);
		assertThat(plan.redis()).isEqualTo(expected);
	}

	@Test
	void forcedTestcontainersStartsContainersOrSaysWhyNot() throws SQLException {
		Map<String, String> settings = Map.of("zielwerk.test.infra", "testcontainers");
		if (!this.docker) {
			assertThatIllegalStateException()
				.isThrownBy(() -> TestInfrastructure.start(settings::get, () -> this.docker))
				.withMessageContaining("no Docker engine answers");
			return;
		}
		try (TestInfrastructure infrastructure = TestInfrastructure.start(settings::get, () -> this.docker)) {
			assertThat(infrastructure.source()).isEqualTo("testcontainers");
			assertThat(Sql.queryOne(infrastructure.postgres(), "postgres", "SELECT version()"))
				.startsWith("PostgreSQL 17.");
			assertThat(RedisPing.ping(infrastructure.redis())).isEqualTo("PONG");
		}
	}

}
