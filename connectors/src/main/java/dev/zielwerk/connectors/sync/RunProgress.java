package dev.zielwerk.connectors.sync;

import java.util.UUID;

/**
 * Emitted by a run after each committed chunk, and once when it finished.
 *
 * @param runId the run
 * @param counts the run's figures after the commit
 * @param status {@code RUNNING} until the last emission
 * @param more whether the phase that committed has more to do (internal to the engine)
 * @param checkpoint the checkpoint just committed
 */
public record RunProgress(UUID runId, RunCounts counts, RunStatus status, boolean more, String checkpoint) {

	public boolean finished() {
		return this.status != RunStatus.RUNNING;
	}

}
