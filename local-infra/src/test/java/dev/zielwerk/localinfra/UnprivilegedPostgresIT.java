package dev.zielwerk.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import dev.zielwerk.localinfra.EmbeddedPostgres.Launcher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher used where zonky's cannot run as root (no user namespaces), forced here:
 * the binaries run as {@code nobody} when this JVM is root, else as this JVM's user.
 */
class UnprivilegedPostgresIT {

	@Test
	void runsPostgresAsAnUnprivilegedUserAndCleansUp() throws SQLException, IOException {
		PostgresServer server;
		Path data;
		try (EmbeddedPostgres postgres = EmbeddedPostgres.start(null, Launcher.UNPRIVILEGED)) {
			server = postgres.server();
			assertThat(EmbeddedServersIT.queryOne(server, "postgres", "SELECT version()")).startsWith("PostgreSQL 17.");
			data = Path.of(EmbeddedServersIT.queryOne(server, "postgres", "SHOW data_directory"));
			String postmaster = Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim();
			int expectedUid = RootUser.isRoot() ? UnprivilegedPostgres.Nobody.lookup().uid()
					: (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
			assertThat(Files.getAttribute(Path.of("/proc", postmaster), "unix:uid")).isEqualTo(expectedUid);
		}
		assertThat(Probes.postgres(server, Duration.ofSeconds(1))).startsWith("no answer");
		assertThat(data.getParent()).doesNotExist();
	}

}
