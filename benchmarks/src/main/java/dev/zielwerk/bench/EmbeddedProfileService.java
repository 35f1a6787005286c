package dev.zielwerk.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.zielwerk.localinfra.PostgresServer;
import dev.zielwerk.localinfra.RedisServer;
import dev.zielwerk.profile.ProfileServiceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * profile-service started in the benchmark's JVM on a database of its own (created here,
 * dropped on close unless kept) and a Redis namespace of its own, on a free port.
 */
final class EmbeddedProfileService implements AutoCloseable {

	private final PostgresServer postgres;

	private final String database;

	private final String namespace;

	private final boolean keepDatabase;

	private final ConfigurableApplicationContext context;

	private EmbeddedProfileService(PostgresServer postgres, String database, String namespace, boolean keepDatabase,
			ConfigurableApplicationContext context) {
		this.postgres = postgres;
		this.database = database;
		this.namespace = namespace;
		this.keepDatabase = keepDatabase;
		this.context = context;
	}

	static EmbeddedProfileService start(BenchmarkOptions options) throws SQLException {
		PostgresServer postgres = PostgresServer.parse(options.postgres());
		RedisServer redis = RedisServer.parse(options.redis());
		String suffix = Long.toString(System.currentTimeMillis(), 36);
		String database = "zw_bench_" + suffix;
		String namespace = "zwbench:" + suffix;
		try (Connection connection = connect(postgres, "postgres");
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + database + "\"");
		}
		// command-line arguments outrank application.yaml; the caller's properties come
		// last
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--spring.r2dbc.url=" + postgres.r2dbcUrl(database),
				"--spring.r2dbc.username=" + postgres.user(), "--spring.r2dbc.password=" + postgres.password(),
				"--spring.flyway.url=" + postgres.jdbcUrl(database), "--spring.flyway.user=" + postgres.user(),
				"--spring.flyway.password=" + postgres.password(), "--spring.data.redis.url=" + redis.url(),
				"--zielwerk.redis.namespace=" + namespace,
				"--zielwerk.profile.ingest.write-keys=" + options.writeKey()));
		for (Map.Entry<String, String> property : options.serviceProperties().entrySet()) {
			args.add("--" + property.getKey() + "=" + property.getValue());
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ProfileServiceApplication.class)
			.run(args.toArray(String[]::new));
		return new EmbeddedProfileService(postgres, database, namespace, options.keepDatabase(), context);
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	String database() {
		return this.database;
	}

	/** Outbox rows committed but not yet relayed to the stream. */
	long outboxBacklog() throws SQLException {
		try (Connection connection = connect(this.postgres, this.database);
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT count(*) FROM profile.outbox WHERE sent_at IS NULL")) {
			result.next();
			return result.getLong(1);
		}
	}

	/** Row counts of the tables ingestion fills, for the report. */
	String tableCounts() throws SQLException {
		StringBuilder counts = new StringBuilder();
		try (Connection connection = connect(this.postgres, this.database);
				Statement statement = connection.createStatement()) {
			for (String table : List.of("profiles", "identities", "events", "merges", "outbox")) {
				try (ResultSet result = statement.executeQuery("SELECT count(*) FROM profile." + table)) {
					result.next();
					counts.append((counts.length() > 0) ? ", " : "")
						.append(table)
						.append(' ')
						.append(result.getLong(1));
				}
			}
		}
		return counts.toString();
	}

	@Override
	public void close() throws SQLException {
		if (!this.keepDatabase) {
			this.context.getBean(ReactiveStringRedisTemplate.class)
				.delete(this.namespace + ":{profile}:stream")
				.block(Duration.ofSeconds(10));
		}
		this.context.close();
		if (!this.keepDatabase) {
			try (Connection connection = connect(this.postgres, "postgres");
					Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS \"" + this.database + "\" WITH (FORCE)");
			}
		}
	}

	/** A JDBC connection to the service's database. */
	Connection connect() throws SQLException {
		return connect(this.postgres, this.database);
	}

	private static Connection connect(PostgresServer postgres, String database) throws SQLException {
		Properties login = new Properties();
		login.setProperty("user", postgres.user());
		login.setProperty("password", postgres.password());
		return DriverManager.getConnection(postgres.jdbcUrl(database), login);
	}

}
