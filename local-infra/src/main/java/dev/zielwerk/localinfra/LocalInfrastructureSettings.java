package dev.zielwerk.localinfra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * How {@link LocalInfrastructure} finds PostgreSQL and Redis.
 *
 * @param postgresUrl the configured PostgreSQL,
 * {@code postgresql://user[:password]@host[:port]/db}
 * @param redisUrl the configured Redis, {@code redis://host[:port]}
 * @param mode use the configured servers when they answer ({@code AUTO}), always
 * ({@code CONFIGURED}), or never ({@code EMBEDDED})
 * @param dataDirectory where embedded servers keep their data across restarts;
 * {@code null} for throw-away servers under the system temp directory
 * @param probeTimeout how long a configured server may take to answer
 */
public record LocalInfrastructureSettings(String postgresUrl, String redisUrl, Mode mode, @Nullable Path dataDirectory,
		Duration probeTimeout) {

	/** Default of {@code ZW_POSTGRES_URL}: the README's local PostgreSQL. */
	public static final String DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/zielwerk";

	/** Default of {@code ZW_REDIS_URL}: the README's local Redis. */
	public static final String DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

	/** Default of {@code ZW_DATA_DIR}, relative to the working directory. */
	public static final String DEFAULT_DATA_DIR = ".zielwerk";

	/** Where the servers come from. */
	public enum Mode {

		/** The configured servers when they answer, else embedded ones. */
		AUTO,

		/** The configured servers; fail when they do not answer. */
		CONFIGURED,

		/** Embedded servers, whatever is configured. */
		EMBEDDED

	}

	/**
	 * Reads {@code ZW_POSTGRES_URL}, {@code ZW_REDIS_URL}, {@code ZW_INFRA}
	 * ({@code auto|configured|embedded}) and {@code ZW_DATA_DIR}, each from a JVM system
	 * property of the same name or else the environment.
	 */
	public static LocalInfrastructureSettings fromEnvironment() {
		return from((name) -> {
			String value = System.getProperty(name);
			return (value != null) ? value : System.getenv(name);
		});
	}

	static LocalInfrastructureSettings from(UnaryOperator<@Nullable String> source) {
		return new LocalInfrastructureSettings(orDefault(source.apply("ZW_POSTGRES_URL"), DEFAULT_POSTGRES_URL),
				orDefault(source.apply("ZW_REDIS_URL"), DEFAULT_REDIS_URL), mode(source.apply("ZW_INFRA")),
				Path.of(orDefault(source.apply("ZW_DATA_DIR"), DEFAULT_DATA_DIR)), Duration.ofSeconds(2));
	}

	private static Mode mode(@Nullable String value) {
		String name = orDefault(value, "auto").toUpperCase(Locale.ROOT);
		for (Mode mode : Mode.values()) {
			if (mode.name().equals(name)) {
				return mode;
			}
		}
		throw new IllegalArgumentException("ZW_INFRA must be auto, configured or embedded, not '" + value + "'");
	}

	private static String orDefault(@Nullable String value, String fallback) {
		return (value == null || value.isBlank()) ? fallback : value.trim();
	}

	/** The database named in {@link #postgresUrl()}, {@code zielwerk} when none. */
	public String database() {
		return PostgresServer.databaseOf(this.postgresUrl, "zielwerk");
	}

}
