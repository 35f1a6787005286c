package dev.zielwerk.connectors.graphql;

import java.time.Instant;
import java.util.UUID;

import dev.zielwerk.connectors.sync.RunStatus;
import dev.zielwerk.connectors.sync.SyncReader.RunView;
import org.jspecify.annotations.Nullable;

/**
 * A sync run as the API shows it, its counts flattened.
 */
record RunNode(UUID id, RunStatus status, boolean fullAudience, int attempts, long eligible, long skippedNoConsent,
		long added, long removed, long rejected, @Nullable String matchRate, @Nullable String error, Instant queuedAt,
		@Nullable Instant startedAt, @Nullable Instant finishedAt) {

	static RunNode of(RunView run) {
		return new RunNode(run.id(), run.status(), run.fullAudience(), run.attempts(), run.counts().eligible(),
				run.counts().skippedNoConsent(), run.counts().added(), run.counts().removed(), run.counts().rejected(),
				run.matchRate(), run.error(), run.queuedAt(), run.startedAt(), run.finishedAt());
	}

}
