package dev.zielwerk.profile.ingest;

import java.util.List;

import dev.zielwerk.profile.ingest.MessageOutcome.Status;

/**
 * The outcome of one ingestion call: one {@link MessageOutcome} per message, in the order
 * given. Accepted messages are committed when this is emitted.
 */
public record IngestResult(List<MessageOutcome> outcomes) {

	public IngestResult {
		outcomes = List.copyOf(outcomes);
	}

	public long accepted() {
		return count(Status.ACCEPTED);
	}

	public long duplicates() {
		return count(Status.DUPLICATE);
	}

	public long suppressed() {
		return count(Status.SUPPRESSED);
	}

	public List<MessageOutcome> rejected() {
		return this.outcomes.stream().filter((o) -> o.status() == Status.REJECTED).toList();
	}

	private long count(Status status) {
		return this.outcomes.stream().filter((o) -> o.status() == status).count();
	}

}
