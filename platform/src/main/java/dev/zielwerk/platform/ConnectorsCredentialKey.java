package dev.zielwerk.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;

/**
 * The key connectors encrypt destination credentials with
 * ({@code zielwerk.connectors.credential-key}). Without one connectors store no
 * destinations at all, so the start command supplies one when none is configured: kept in
 * the data directory, readable by its owner only, and reused on every start so stored
 * credentials stay readable.
 */
final class ConnectorsCredentialKey {

	static final String PROPERTY = "zielwerk.connectors.credential-key";

	static final String FILE = "connectors-credential-key";

	private ConnectorsCredentialKey() {
	}

	/** The configured key (system property or environment), if any. */
	static @Nullable String configured() {
		Environment environment = new StandardEnvironment();
		return environment.getProperty(PROPERTY);
	}

	/** The key kept in the directory, created on first use. */
	static String inDirectory(Path directory) {
		Path file = directory.resolve(FILE);
		try {
			Files.createDirectories(directory);
			if (!Files.exists(file)) {
				try {
					Files.createFile(file,
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
					Files.writeString(file, random(), StandardCharsets.US_ASCII);
				}
				catch (FileAlreadyExistsException ex) {
					// another start created it first; read theirs
				}
			}
			return Files.readString(file, StandardCharsets.US_ASCII).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the connectors' credential key in " + file, ex);
		}
	}

	/** A fresh 256-bit key, base64. */
	static String random() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
