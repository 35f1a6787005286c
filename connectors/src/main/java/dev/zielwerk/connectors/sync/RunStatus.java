package dev.zielwerk.connectors.sync;

/**
 * The life of a sync run. {@code RUNNING} with an expired lease means its worker died or
 * gave the run back after a destination failure: another worker resumes it from its
 * checkpoint.
 */
public enum RunStatus {

	QUEUED, RUNNING, SUCCEEDED, FAILED,

	/** Finished, but the destination rejected some records (see the run's records). */
	PARTIAL

}
