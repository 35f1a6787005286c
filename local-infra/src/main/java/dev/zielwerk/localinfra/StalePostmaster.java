package dev.zielwerk.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server left running on a persistent data directory by a launcher that was
 * killed without its shutdown hook (kill -9, a crashed IDE): it holds the data directory
 * and would keep the next start from working, so it is stopped first.
 */
final class StalePostmaster {

	private static final Logger logger = LoggerFactory.getLogger(StalePostmaster.class);

	private static final Duration STOP_WAIT = Duration.ofSeconds(30);

	private StalePostmaster() {
	}

	static void stopIfRunning(Path dataDirectory) throws IOException {
		Path pidFile = dataDirectory.resolve("data").resolve("postmaster.pid");
		if (!Files.isReadable(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		if (lines.isEmpty() || !lines.get(0).trim().matches("\\d+")) {
			return;
		}
		Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
			.filter((process) -> process.info().command().map((command) -> command.endsWith("postgres")).orElse(false));
		if (postmaster.isEmpty()) {
			return;
		}
		ProcessHandle process = postmaster.get();
		logger.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier launcher", process.pid(),
				dataDirectory);
		// SIGTERM is PostgreSQL's smart shutdown: nobody is connected any more
		process.destroy();
		try {
			process.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while stopping PostgreSQL pid " + process.pid(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IOException(
					"PostgreSQL pid " + process.pid() + " on " + dataDirectory + " did not stop; stop it by hand", ex);
		}
	}

}
