package dev.zielwerk.connectors.sync;

import java.util.UUID;

/**
 * The worker no longer holds the run's lease (it expired and another worker took the
 * run): it must stop without committing anything more.
 */
final class LeaseLostException extends RuntimeException {

	LeaseLostException(UUID runId) {
		super("lease of run " + runId + " was lost");
	}

}
