package dev.zielwerk.testsupport;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import dev.zielwerk.testsupport.TestInfrastructure.Source;
import org.jspecify.annotations.Nullable;

/**
 * Which source each of PostgreSQL and Redis comes from, decided without starting
 * anything: the {@code ZW_TEST_POSTGRES_URL} / {@code ZW_TEST_REDIS_URL} environment
 * (each on its own), else Testcontainers when a Docker engine answers, else embedded
 * binaries; {@code zielwerk.test.infra} forces one source for both.
 *
 * @param postgres where PostgreSQL comes from
 * @param postgresUrl the environment's PostgreSQL URL when {@code postgres} is
 * {@code ENVIRONMENT}
 * @param redis where Redis comes from
 * @param redisUrl the environment's Redis URL when {@code redis} is {@code ENVIRONMENT}
 */
record InfrastructurePlan(Source postgres, @Nullable String postgresUrl, Source redis, @Nullable String redisUrl) {

	static final String MODE_PROPERTY = "zielwerk.test.infra";

	static final String MODE_VARIABLE = "ZIELWERK_TEST_INFRA";

	static final String POSTGRES_VARIABLE = "ZW_TEST_POSTGRES_URL";

	static final String REDIS_VARIABLE = "ZW_TEST_REDIS_URL";

	/**
	 * Decides from named settings ({@code zielwerk.test.infra} / its environment spelling
	 * {@code ZIELWERK_TEST_INFRA}, {@code ZW_TEST_POSTGRES_URL},
	 * {@code ZW_TEST_REDIS_URL}); the Docker check runs only when its answer matters.
	 */
	static InfrastructurePlan choose(UnaryOperator<@Nullable String> settings, BooleanSupplier dockerAvailable) {
		String mode = settings.apply(MODE_PROPERTY);
		if (blank(mode)) {
			mode = settings.apply(MODE_VARIABLE);
		}
		String postgresUrl = blank(settings.apply(POSTGRES_VARIABLE)) ? null : settings.apply(POSTGRES_VARIABLE);
		String redisUrl = blank(settings.apply(REDIS_VARIABLE)) ? null : settings.apply(REDIS_VARIABLE);
		if (blank(mode)) {
			return automatic(postgresUrl, redisUrl, dockerAvailable);
		}
		return switch (mode.trim().toLowerCase(Locale.ROOT)) {
			case "environment" -> {
				if (postgresUrl == null || redisUrl == null) {
					throw new IllegalStateException(
							MODE_PROPERTY + "=environment needs both " + POSTGRES_VARIABLE + " and " + REDIS_VARIABLE
									+ " (missing: " + ((postgresUrl == null) ? POSTGRES_VARIABLE + " " : "")
									+ ((redisUrl == null) ? REDIS_VARIABLE : "") + ")");
				}
				yield new InfrastructurePlan(Source.ENVIRONMENT, postgresUrl, Source.ENVIRONMENT, redisUrl);
			}
			case "testcontainers" -> {
				if (!dockerAvailable.getAsBoolean()) {
					throw new IllegalStateException(MODE_PROPERTY + "=testcontainers, but no Docker engine answers "
							+ "(Testcontainers found no valid Docker environment). Start Docker, or use "
							+ MODE_PROPERTY + "=embedded or environment.");
				}
				yield new InfrastructurePlan(Source.TESTCONTAINERS, null, Source.TESTCONTAINERS, null);
			}
			case "embedded" -> new InfrastructurePlan(Source.EMBEDDED, null, Source.EMBEDDED, null);
			default -> throw new IllegalArgumentException(
					MODE_PROPERTY + " must be environment, testcontainers or embedded, not '" + mode + "'");
		};
	}

	private static InfrastructurePlan automatic(@Nullable String postgresUrl, @Nullable String redisUrl,
			BooleanSupplier dockerAvailable) {
		Source fallback = (postgresUrl != null && redisUrl != null) ? Source.ENVIRONMENT
				: dockerAvailable.getAsBoolean() ? Source.TESTCONTAINERS : Source.EMBEDDED;
		return new InfrastructurePlan((postgresUrl != null) ? Source.ENVIRONMENT : fallback, postgresUrl,
				(redisUrl != null) ? Source.ENVIRONMENT : fallback, redisUrl);
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
