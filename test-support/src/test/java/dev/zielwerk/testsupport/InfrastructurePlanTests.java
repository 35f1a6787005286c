package dev.zielwerk.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.zielwerk.testsupport.TestInfrastructure.Source;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class InfrastructurePlanTests {

	private static final String POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";

	private static final String REDIS = "redis://127.0.0.1:6379";

	private final AtomicInteger dockerChecks = new AtomicInteger();

	@Test
	void usesTheEnvironmentWithoutAskingDocker() {
		InfrastructurePlan plan = choose(Map.of("ZW_TEST_POSTGRES_URL", POSTGRES, "ZW_TEST_REDIS_URL", REDIS), true);
		assertThat(plan).isEqualTo(new InfrastructurePlan(Source.ENVIRONMENT, POSTGRES, Source.ENVIRONMENT, REDIS));
		assertThat(this.dockerChecks).hasValue(0);
	}

	@Test
	void fallsBackToEmbeddedWhenDockerIsUnavailableAndNothingIsForced() {
		InfrastructurePlan plan = choose(Map.of(), false);
		assertThat(plan.postgres()).isEqualTo(Source.EMBEDDED);
		assertThat(plan.redis()).isEqualTo(Source.EMBEDDED);
		assertThat(this.dockerChecks).hasValue(1);
	}

	@Test
	void usesTestcontainersWhenDockerAnswers() {
		InfrastructurePlan plan = choose(Map.of(), true);
		assertThat(plan.postgres()).isEqualTo(Source.TESTCONTAINERS);
		assertThat(plan.redis()).isEqualTo(Source.TESTCONTAINERS);
	}

	@Test
	void decidesPostgresAndRedisEachOnTheirOwn() {
		InfrastructurePlan plan = choose(Map.of("ZW_TEST_POSTGRES_URL", POSTGRES), false);
		assertThat(plan).isEqualTo(new InfrastructurePlan(Source.ENVIRONMENT, POSTGRES, Source.EMBEDDED, null));
		InfrastructurePlan other = choose(Map.of("ZW_TEST_REDIS_URL", REDIS), true);
		assertThat(other).isEqualTo(new InfrastructurePlan(Source.TESTCONTAINERS, null, Source.ENVIRONMENT, REDIS));
	}

	@Test
	void forcingEmbeddedIgnoresTheEnvironment() {
		InfrastructurePlan plan = choose(
				Map.of("zielwerk.test.infra", "embedded", "ZW_TEST_POSTGRES_URL", POSTGRES, "ZW_TEST_REDIS_URL", REDIS),
				true);
		assertThat(plan).isEqualTo(new InfrastructurePlan(Source.EMBEDDED, null, Source.EMBEDDED, null));
	}

	@Test
	void theEnvironmentVariableSpellingForcesToo() {
		InfrastructurePlan plan = choose(Map.of("ZIELWERK_TEST_INFRA", "Embedded"), true);
		assertThat(plan.postgres()).isEqualTo(Source.EMBEDDED);
	}

	@Test
	void forcingTestcontainersWithoutDockerFailsClearly() {
		assertThatIllegalStateException()
			.isThrownBy(() -> choose(Map.of("zielwerk.test.infra", "testcontainers"), false))
			.withMessageContaining("zielwerk.test.infra=testcontainers, but no Docker engine answers");
	}

	@Test
	void forcingTheEnvironmentWithoutItsVariablesFailsClearly() {
		assertThatIllegalStateException()
			.isThrownBy(
					() -> choose(Map.of("zielwerk.test.infra", "environment", "ZW_TEST_POSTGRES_URL", POSTGRES), true))
			.withMessageContaining("missing: ZW_TEST_REDIS_URL");
	}

	@Test
	void rejectsAnUnknownSource() {
		assertThatIllegalArgumentException().isThrownBy(() -> choose(Map.of("zielwerk.test.infra", "docker"), true))
			.withMessageContaining("environment, testcontainers or embedded");
	}

	private InfrastructurePlan choose(Map<String, String> settings, boolean docker) {
		Map<String, String> copy = new HashMap<>(settings);
		BooleanSupplier dockerAvailable = () -> {
			this.dockerChecks.incrementAndGet();
			return docker;
		};
		return InfrastructurePlan.choose(copy::get, dockerAvailable);
	}

}
