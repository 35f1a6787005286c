package dev.zielwerk.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this JVM runs as root, which PostgreSQL's programs refuse. */
final class RootUser {

	private RootUser() {
	}

	static boolean isRoot() {
		// /proc/self belongs to the effective user of this process (Linux only)
		Path self = Path.of("/proc/self");
		if (!Files.exists(self)) {
			return false;
		}
		try {
			return Integer.valueOf(0).equals(Files.getAttribute(self, "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException ex) {
			// the "unix" attribute view does not exist on every file system: then we
			// cannot
			// tell, and starting PostgreSQL directly is the right first try
			return false;
		}
	}

}
