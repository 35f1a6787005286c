package dev.zielwerk.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import dev.zielwerk.localinfra.PostgresServer;
import dev.zielwerk.localinfra.RedisServer;

/**
 * The PostgreSQL and Redis servers of this test JVM, found once: from
 * {@code ZW_TEST_POSTGRES_URL} / {@code ZW_TEST_REDIS_URL} when set.
 */
public final class TestInfrastructure {

	private static volatile TestInfrastructure instance;

	private final PostgresServer postgres;

	private final RedisServer redis;

	private final String source;

	TestInfrastructure(PostgresServer postgres, RedisServer redis, String source) {
		this.postgres = postgres;
		this.redis = redis;
		this.source = source;
	}

	public static TestInfrastructure get() {
		TestInfrastructure current = instance;
		if (current == null) {
			synchronized (TestInfrastructure.class) {
				current = instance;
				if (current == null) {
					current = resolve();
					instance = current;
				}
			}
		}
		return current;
	}

	private static TestInfrastructure resolve() {
		String postgresUrl = System.getenv("ZW_TEST_POSTGRES_URL");
		String redisUrl = System.getenv("ZW_TEST_REDIS_URL");
		if (postgresUrl == null || redisUrl == null) {
			throw new IllegalStateException("Set ZW_TEST_POSTGRES_URL and ZW_TEST_REDIS_URL");
		}
		return new TestInfrastructure(PostgresServer.parse(postgresUrl), RedisServer.parse(redisUrl), "environment");
	}

	public PostgresServer postgres() {
		return this.postgres;
	}

	public RedisServer redis() {
		return this.redis;
	}

	/**
	 * Where the servers came from: {@code environment}, {@code testcontainers} or
	 * {@code embedded}.
	 */
	public String source() {
		return this.source;
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
		Properties login = new Properties();
		login.setProperty("user", this.postgres.user());
		login.setProperty("password", this.postgres.password());
		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl("postgres"), login);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + name + "\"");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name + " on " + this.postgres.host()
					+ ":" + this.postgres.port(), ex);
		}
		return new TestDatabase(this.postgres, name);
	}

}
