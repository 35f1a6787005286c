package dev.zielwerk.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the PostgreSQL binaries with {@code initdb} and {@code pg_ctl} directly, as an
 * unprivileged user: as {@code nobody} through {@code setpriv} when this JVM is root,
 * else as the JVM's own user. This is the way in where zonky's launcher cannot work as
 * root, because user namespaces ({@code unshare -U}) are not allowed (e.g. in a container
 * under the default seccomp profile).
 */
final class UnprivilegedPostgres implements AutoCloseable {

	private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

	private static final long TIMEOUT_SECONDS = 120;

	private final List<String> asUser;

	private final Path binaries;

	private final Path data;

	private final int port;

	private UnprivilegedPostgres(List<String> asUser, Path binaries, Path data, int port) {
		this.asUser = asUser;
		this.binaries = binaries;
		this.data = data;
		this.port = port;
	}

	/**
	 * Starts a server whose data lives in {@code home/data} (created with {@code initdb}
	 * when empty) and whose log is {@code home/postgres.log}; {@code home} must lie where
	 * the unprivileged user can reach it.
	 */
	static UnprivilegedPostgres start(Path home, int port, boolean durable) throws IOException {
		List<String> asUser = asUnprivilegedUser();
		Path binaries = PostgresArchive.unpacked();
		Path data = home.resolve("data");
		Files.createDirectories(home);
		if (!asUser.isEmpty()) {
			checkReachableByOthers(home);
			giveToNobody(home);
		}
		UnprivilegedPostgres postgres = new UnprivilegedPostgres(asUser, binaries, data, port);
		if (!Files.exists(data.resolve("PG_VERSION"))) {
			List<String> initdb = new ArrayList<>(List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust",
					"-U", "postgres", "-D", data.toString(), "-E", "UTF8", "--locale=C"));
			if (!durable) {
				initdb.add("--no-sync");
			}
			postgres.run(initdb, home.resolve("initdb.log"));
		}
		String options = "-p " + port
				+ " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=300"
				+ (durable ? "" : " -F -c synchronous_commit=off -c full_page_writes=off");
		postgres.run(
				List.of(binaries.resolve("bin/pg_ctl").toString(), "-D", data.toString(), "-l",
						home.resolve("postgres.log").toString(), "-w", "-t", "60", "-o", options, "start"),
				home.resolve("pg_ctl.log"));
		return postgres;
	}

	/** The postmaster's process id, from its pid file. */
	long pid() throws IOException {
		return Long
			.parseLong(Files.readAllLines(this.data.resolve("postmaster.pid"), StandardCharsets.UTF_8).get(0).trim());
	}

	int port() {
		return this.port;
	}

	/** Fast shutdown: open sessions are ended, nothing committed is lost. */
	@Override
	public void close() throws IOException {
		run(List.of(this.binaries.resolve("bin/pg_ctl").toString(), "-D", this.data.toString(), "-m", "fast", "-w",
				"stop"), this.data.resolveSibling("pg_ctl.log"));
	}

	/** Deletes a directory tree (run as the JVM's user, who may be root). */
	static void delete(Path directory) {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + directory, ex);
		}
	}

	private void run(List<String> command, Path log) throws IOException {
		List<String> full = new ArrayList<>(this.asUser);
		full.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().put("LC_ALL", "C");
		Process process = builder.start();
		try {
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException(String.join(" ", command) + " did not finish; see " + log);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted: " + String.join(" ", command), ex);
		}
		if (process.exitValue() != 0) {
			throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue() + ": "
					+ lastLines(log));
		}
	}

	private static String lastLines(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
	}

	/** The command prefix that drops root, or nothing when this JVM is not root. */
	private static List<String> asUnprivilegedUser() {
		if (!RootUser.isRoot()) {
			return List.of();
		}
		if (!Files.isExecutable(SETPRIV)) {
			throw new IllegalStateException("PostgreSQL refuses to run as root, and neither user namespaces "
					+ "('unshare -U') nor " + SETPRIV + " are available to run it as nobody");
		}
		Nobody nobody = Nobody.lookup();
		return List.of(SETPRIV.toString(), "--reuid=" + nobody.uid(), "--regid=" + nobody.gid(), "--clear-groups");
	}

	private static void checkReachableByOthers(Path directory) {
		for (Path path = directory.toAbsolutePath().getParent(); path != null; path = path.getParent()) {
			try {
				if (!Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_EXECUTE)) {
					throw new IllegalStateException("PostgreSQL runs as nobody here and cannot reach " + directory
							+ " because " + path + " is closed to other users; choose a data directory elsewhere "
							+ "(ZW_DATA_DIR)");
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static void giveToNobody(Path home) throws IOException {
		UserPrincipalLookupService users = home.getFileSystem().getUserPrincipalLookupService();
		var owner = users.lookupPrincipalByName("nobody");
		try (Stream<Path> paths = Files.walk(home)) {
			for (Path path : paths.toList()) {
				if (!Files.isSymbolicLink(path)) {
					Files.setOwner(path, owner);
				}
			}
		}
		Files.setPosixFilePermissions(home, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
				PosixFilePermission.OWNER_EXECUTE));
	}

	/** The {@code nobody} user's ids, from {@code /etc/passwd}. */
	record Nobody(int uid, int gid) {

		static Nobody lookup() {
			try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
				return lines.filter((line) -> line.startsWith("nobody:"))
					.map((line) -> line.split(":"))
					.map((fields) -> new Nobody(Integer.parseInt(fields[2]), Integer.parseInt(fields[3])))
					.findFirst()
					.orElse(new Nobody(65534, 65534));
			}
			catch (IOException ex) {
				return new Nobody(65534, 65534);
			}
		}

	}

}
