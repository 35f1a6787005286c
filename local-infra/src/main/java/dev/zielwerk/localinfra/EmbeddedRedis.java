package dev.zielwerk.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server started from the binary shipped in the
 * {@code com.github.codemonstur:embedded-redis} Maven artifact (Redis 6.2, which has
 * everything Zielwerk uses: streams, consumer groups, pub/sub), listening on a free
 * loopback port.
 * <p>
 * Nothing is stopped automatically: whoever starts a server closes it (or registers a
 * shutdown hook that does).
 */
public final class EmbeddedRedis implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedRedis.class);

	private static final int ATTEMPTS = 3;

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private final redis.embedded.RedisServer instance;

	private final RedisServer server;

	private EmbeddedRedis(redis.embedded.RedisServer instance, int port) {
		this.instance = instance;
		this.server = new RedisServer("127.0.0.1", port);
	}

	/** Starts a server that keeps nothing on disk. */
	public static EmbeddedRedis startEphemeral() {
		return start(null);
	}

	/**
	 * Starts a server that keeps its data in an append-only file in the given directory,
	 * so streams survive a restart.
	 */
	public static EmbeddedRedis startPersistent(Path dataDirectory) {
		return start(dataDirectory.toAbsolutePath());
	}

	private static EmbeddedRedis start(@Nullable Path dataDirectory) {
		long started = System.nanoTime();
		IOException last = null;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			// the free port can be taken between finding and binding it: try another one
			int port = FreePorts.next();
			try {
				redis.embedded.RedisServer instance = new redis.embedded.RedisServer(port,
						detached(builder(dataDirectory, port).buildCommandArgs()), false,
						(line) -> logger.debug("redis: {}", line), (line) -> logger.warn("redis: {}", line));
				instance.start();
				EmbeddedRedis embedded = new EmbeddedRedis(instance, port);
				logger.info("Started embedded Redis at {} in {} ms; data {}", embedded.server.address(),
						(System.nanoTime() - started) / 1_000_000,
						(dataDirectory != null) ? dataDirectory + " (append-only file)" : "in memory only");
				return embedded;
			}
			catch (IOException ex) {
				last = ex;
				logger.warn("Embedded Redis did not start on port {} (attempt {} of {}): {}", port, attempt, ATTEMPTS,
						ex.getMessage());
			}
		}
		throw new IllegalStateException("Could not start embedded Redis", last);
	}

	private static redis.embedded.core.RedisServerBuilder builder(@Nullable Path dataDirectory, int port)
			throws IOException {
		redis.embedded.core.RedisServerBuilder builder = redis.embedded.RedisServer.newRedisServer()
			.port(port)
			.bind("127.0.0.1")
			// our callers own the shutdown order
			.onShutdownForceStop(false);
		if (dataDirectory != null) {
			createDirectories(dataDirectory);
			builder.setting("dir " + dataDirectory).setting("appendonly yes").setting("save \"\"");
		}
		else {
			builder.setting("appendonly no").setting("save \"\"");
		}
		return builder;
	}

	/**
	 * Runs Redis in a session of its own, as {@code pg_ctl} does for PostgreSQL: Ctrl-C
	 * in the terminal then reaches only the JVM, which stops the services before the
	 * servers they use.
	 */
	private static List<String> detached(List<String> command) {
		if (!Files.isExecutable(SETSID)) {
			return command;
		}
		List<String> detached = new ArrayList<>(command.size() + 1);
		detached.add(SETSID.toString());
		detached.addAll(command);
		return detached;
	}

	private static void createDirectories(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the Redis data directory " + directory, ex);
		}
	}

	/** Where the server listens. */
	public RedisServer server() {
		return this.server;
	}

	@Override
	public void close() {
		try {
			this.instance.stop();
			logger.info("Stopped embedded Redis at {}", this.server.address());
		}
		catch (IOException ex) {
			logger.warn("Could not stop embedded Redis at {} cleanly: {}", this.server.address(), ex.getMessage());
		}
	}

}
