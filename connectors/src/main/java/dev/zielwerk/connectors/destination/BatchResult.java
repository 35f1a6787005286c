package dev.zielwerk.connectors.destination;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The per-record outcome of one add or remove call, plus the match rate when the
 * destination reports one.
 *
 * @param outcomes one outcome per member sent
 * @param matchRate the destination's match figure (Google's {@code matchRateRange}), or
 * {@code null}
 */
public record BatchResult(List<RecordOutcome> outcomes, @Nullable String matchRate) {

	public BatchResult {
		outcomes = List.copyOf(outcomes);
	}

	public static BatchResult of(List<RecordOutcome> outcomes) {
		return new BatchResult(outcomes, null);
	}

	public static BatchResult empty() {
		return new BatchResult(List.of(), null);
	}

	/**
	 * Every member accepted.
	 * @param members the members sent
	 * @return the result
	 */
	public static BatchResult allAccepted(Collection<AudienceMember> members) {
		return of(members.stream().map(m -> (RecordOutcome) RecordOutcome.Accepted.of(m.key())).toList());
	}

	/**
	 * Every member rejected for the same reason.
	 * @param members the members sent
	 * @param code the error code
	 * @param reason the reason
	 * @param retryable whether a later run may succeed
	 * @return the result
	 */
	public static BatchResult allRejected(Collection<AudienceMember> members, String code, String reason,
			boolean retryable) {
		return of(members.stream()
			.map(m -> (RecordOutcome) new RecordOutcome.Rejected(m.key(), code, reason, retryable))
			.toList());
	}

	/**
	 * One outcome per member, looked up by a function that answers {@code null} for
	 * accepted members.
	 * @param members the members sent
	 * @param rejection the rejection of a member, or {@code null}
	 * @return the result
	 */
	public static BatchResult from(List<AudienceMember> members,
			Function<AudienceMember, RecordOutcome.@Nullable Rejected> rejection) {
		List<RecordOutcome> outcomes = new ArrayList<>(members.size());
		for (AudienceMember member : members) {
			RecordOutcome.Rejected rejected = rejection.apply(member);
			outcomes.add((rejected != null) ? rejected : RecordOutcome.Accepted.of(member.key()));
		}
		return of(outcomes);
	}

	public List<RecordOutcome.Accepted> accepted() {
		return this.outcomes.stream()
			.filter(RecordOutcome.Accepted.class::isInstance)
			.map(RecordOutcome.Accepted.class::cast)
			.toList();
	}

	public List<RecordOutcome.Rejected> rejected() {
		return this.outcomes.stream()
			.filter(RecordOutcome.Rejected.class::isInstance)
			.map(RecordOutcome.Rejected.class::cast)
			.toList();
	}

	/**
	 * This result followed by another, keeping the later match rate when both have one.
	 * @param next the result of the following call
	 * @return the combined result
	 */
	public BatchResult plus(BatchResult next) {
		List<RecordOutcome> all = new ArrayList<>(this.outcomes);
		all.addAll(next.outcomes);
		return new BatchResult(all, (next.matchRate != null) ? next.matchRate : this.matchRate);
	}

}
