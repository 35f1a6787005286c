package dev.zielwerk.connectors.sync;

import java.util.UUID;

/**
 * A run a worker holds the lease of, with what it needs to execute.
 *
 * @param id the run
 * @param syncId its sync
 * @param segmentId the sync's segment
 * @param destinationId the sync's destination
 * @param mode the sync's mode
 * @param fullAudience whether the whole audience is diffed (else only the run's scope)
 * @param checkpoint where to resume
 * @param attempts claims so far, this one included
 */
record ClaimedRun(UUID id, UUID syncId, String segmentId, UUID destinationId, SyncMode mode, boolean fullAudience,
		Checkpoint checkpoint, int attempts) {

}
