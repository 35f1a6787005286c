package dev.zielwerk.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import dev.zielwerk.localinfra.EmbeddedPostgres;
import dev.zielwerk.localinfra.EmbeddedRedis;
import dev.zielwerk.localinfra.PostgresAdmin;
import dev.zielwerk.localinfra.PostgresServer;
import dev.zielwerk.localinfra.RedisServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The PostgreSQL and Redis servers of this test JVM, found once, each on its own: from
 * {@code ZW_TEST_POSTGRES_URL} / {@code ZW_TEST_REDIS_URL} when set, else in Docker
 * containers through Testcontainers when a Docker engine answers, else embedded binaries
 * from Maven artifacts. The system property {@code zielwerk.test.infra} (or the variable
 * {@code ZIELWERK_TEST_INFRA}) forces one source for both: {@code environment},
 * {@code testcontainers} or {@code embedded}.
 * <p>
 * At JVM exit the databases made by {@link #newDatabase} are dropped (best effort) and
 * the servers started here are stopped.
 */
public final class TestInfrastructure implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TestInfrastructure.class);

	private static volatile @Nullable TestInfrastructure instance;

	private final PostgresServer postgres;

	private final Source postgresSource;

	private final RedisServer redis;

	private final Source redisSource;

	private final List<AutoCloseable> started;

	private final Set<String> databases = ConcurrentHashMap.newKeySet();

	/** Where a server comes from. */
	public enum Source {

		/** {@code ZW_TEST_POSTGRES_URL} / {@code ZW_TEST_REDIS_URL}. */
		ENVIRONMENT,

		/** A Docker container started through Testcontainers. */
		TESTCONTAINERS,

		/** Binaries from Maven artifacts, started here. */
		EMBEDDED

	}

	private TestInfrastructure(PostgresServer postgres, Source postgresSource, RedisServer redis, Source redisSource,
			List<AutoCloseable> started) {
		this.postgres = postgres;
		this.postgresSource = postgresSource;
		this.redis = redis;
		this.redisSource = redisSource;
		this.started = started;
	}

	/** The servers of this JVM, found (and started) on first use. */
	public static TestInfrastructure get() {
		TestInfrastructure current = instance;
		if (current == null) {
			synchronized (TestInfrastructure.class) {
				current = instance;
				if (current == null) {
					current = start(InfrastructurePlan.choose(TestInfrastructure::setting, TestInfrastructure::docker));
					Runtime.getRuntime().addShutdownHook(new Thread(current::close, "zielwerk-test-infrastructure"));
					instance = current;
				}
			}
		}
		return current;
	}

	/**
	 * Finds or starts the servers the named settings ask for, not shared with
	 * {@link #get()}: the caller closes it.
	 */
	static TestInfrastructure start(UnaryOperator<@Nullable String> settings, BooleanSupplier dockerAvailable) {
		return start(InfrastructurePlan.choose(settings, dockerAvailable));
	}

	private static TestInfrastructure start(InfrastructurePlan plan) {
		List<AutoCloseable> started = new ArrayList<>();
		try {
			PostgresServer postgres = switch (plan.postgres()) {
				case ENVIRONMENT -> PostgresServer.parse(Objects.requireNonNull(plan.postgresUrl()));
				case TESTCONTAINERS -> keep(started, ContainerServers.postgres());
				case EMBEDDED -> {
					EmbeddedPostgres embedded = EmbeddedPostgres.startEphemeral();
					started.add(embedded);
					yield embedded.server();
				}
			};
			RedisServer redis = switch (plan.redis()) {
				case ENVIRONMENT -> RedisServer.parse(Objects.requireNonNull(plan.redisUrl()));
				case TESTCONTAINERS -> keep(started, ContainerServers.redis());
				case EMBEDDED -> {
					EmbeddedRedis embedded = EmbeddedRedis.startEphemeral();
					started.add(embedded);
					yield embedded.server();
				}
			};
			TestInfrastructure infrastructure = new TestInfrastructure(postgres, plan.postgres(), redis, plan.redis(),
					started);
			logger.info("Test infrastructure: PostgreSQL {} ({}), Redis {} ({})", postgres, name(plan.postgres()),
					redis.url(), name(plan.redis()));
			return infrastructure;
		}
		catch (RuntimeException ex) {
			stopAll(started);
			throw ex;
		}
	}

	private static <T> T keep(List<AutoCloseable> started, ContainerServers.Started<T> server) {
		started.add(server.stopper());
		return server.server();
	}

	private static @Nullable String setting(String name) {
		String value = System.getProperty(name);
		return (value != null) ? value : System.getenv(name);
	}

	private static boolean docker() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	public PostgresServer postgres() {
		return this.postgres;
	}

	public RedisServer redis() {
		return this.redis;
	}

	public Source postgresSource() {
		return this.postgresSource;
	}

	public Source redisSource() {
		return this.redisSource;
	}

	/**
	 * Where the servers came from: {@code environment}, {@code testcontainers} or
	 * {@code embedded}, or {@code postgres=...,redis=...} when they differ.
	 */
	public String source() {
		return (this.postgresSource == this.redisSource) ? name(this.postgresSource)
				: "postgres=" + name(this.postgresSource) + ",redis=" + name(this.redisSource);
	}

	private static String name(Source source) {
		return source.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Creates an empty database whose name starts with the hint, e.g. a test class name.
	 */
	public TestDatabase newDatabase(String hint) {
		String name = ("zwt_" + hint.replaceAll("[^A-Za-z0-9]", "_") + "_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 10))
			.toLowerCase(Locale.ROOT);
		if (name.length() > 63) {
			name = name.substring(name.length() - 63);
		}
		try (Connection connection = PostgresAdmin.connect(this.postgres, "postgres");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name + " on " + this.postgres, ex);
		}
		this.databases.add(name);
		return new TestDatabase(this.postgres, name);
	}

	/**
	 * Drops the databases made here (only on a shared server: the others are thrown away
	 * whole) and stops the servers started here.
	 */
	@Override
	public void close() {
		if (this.postgresSource == Source.ENVIRONMENT) {
			dropDatabases();
		}
		stopAll(this.started);
	}

	private void dropDatabases() {
		if (this.databases.isEmpty()) {
			return;
		}
		try (Connection connection = PostgresAdmin.connect(this.postgres, "postgres");
				Statement statement = connection.createStatement()) {
			for (String name : this.databases) {
				// FORCE: pools of Spring contexts closing at the same time may still hold
				// connections
				statement.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
			}
			this.databases.clear();
		}
		catch (SQLException ex) {
			logger.warn("Could not drop every test database on {}: {}", this.postgres, ex.getMessage());
		}
	}

	private static void stopAll(List<AutoCloseable> started) {
		for (AutoCloseable server : started.reversed()) {
			try {
				server.close();
			}
			catch (Exception ex) {
				logger.warn("Could not stop a test server: {}", ex.getMessage());
			}
		}
		started.clear();
	}

}
