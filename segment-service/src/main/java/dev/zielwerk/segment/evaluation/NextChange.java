package dev.zielwerk.segment.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.Value;
import dev.zielwerk.segment.rule.Window;
import org.jspecify.annotations.Nullable;

/**
 * The earliest instant after {@code now} at which some time-dependent part of a rule
 * changes: an event entering ({@code occurredAt}) or leaving ({@code occurredAt + N}) a
 * {@code within} window, a recency test flipping at {@code occurredAt + N}, a granted
 * consent expiring. Everything else (traits, {@code between} windows, windowless
 * aggregates, segment references) changes only with a message, so the answer is constant
 * until the returned instant. Every part of the rule is considered, also those that
 * cannot decide the answer, which keeps it simple and early rather than late.
 */
final class NextChange {

	private final ProfileState state;

	private final Instant now;

	private @Nullable Instant earliest;

	private NextChange(ProfileState state, Instant now) {
		this.state = state;
		this.now = now;
	}

	static @Nullable Instant after(Condition rule, ProfileState state, Instant now) {
		NextChange next = new NextChange(state, now);
		next.condition(rule);
		return next.earliest;
	}

	/** The event a recency test looks at: the earliest or latest matching one. */
	static Optional<Instant> recencyEvent(Condition.Recency recency, ProfileState state) {
		var times = state.events()
			.stream()
			.filter((event) -> EventMatching.matches(recency.event(), event))
			.map(ProfileState.Event::occurredAt);
		return (recency.occurrence() == Condition.Recency.Occurrence.FIRST) ? times.min(Comparator.naturalOrder())
				: times.max(Comparator.naturalOrder());
	}

	private void condition(Condition condition) {
		switch (condition) {
			case Condition.Or or -> or.operands().forEach(this::condition);
			case Condition.And and -> and.operands().forEach(this::condition);
			case Condition.Not not -> condition(not.operand());
			case Condition.Consent consent -> {
				ProfileState.Consent current = this.state.consents().get(consent.purpose());
				if (current != null && current.status() == ProfileState.Consent.Status.GRANTED
						&& current.expiresAt() != null) {
					candidate(current.expiresAt());
				}
			}
			case Condition.InSegment in -> {
				// the engine re-evaluates dependents when the referenced segment changes
			}
			case Condition.Recency recency -> recencyEvent(recency, this.state)
				.ifPresent((occurredAt) -> candidate(occurredAt.plus(recency.duration().toDuration())));
			case Condition.Comparison comparison -> {
				value(comparison.left());
				value(comparison.right());
			}
			case Condition.In in -> value(in.value());
			case Condition.NotIn notIn -> value(notIn.value());
			case Condition.Contains contains -> value(contains.value());
			case Condition.NotContains contains -> value(contains.value());
			case Condition.StartsWith startsWith -> value(startsWith.value());
			case Condition.Between between -> {
				value(between.value());
				value(between.low());
				value(between.high());
			}
			case Condition.Exists exists -> value(exists.value());
			case Condition.NotExists notExists -> value(notExists.value());
		}
	}

	private void value(Value value) {
		if (value instanceof Value.Arithmetic arithmetic) {
			value(arithmetic.left());
			value(arithmetic.right());
		}
		else if (value instanceof Value.Aggregate aggregate && aggregate.window() instanceof Window.Within within) {
			Duration length = within.duration().toDuration();
			for (ProfileState.Event event : this.state.events()) {
				if (EventMatching.matches(aggregate.event(), event)) {
					candidate(event.occurredAt());
					candidate(event.occurredAt().plus(length));
				}
			}
		}
	}

	private void candidate(Instant instant) {
		if (instant.isAfter(this.now) && (this.earliest == null || instant.isBefore(this.earliest))) {
			this.earliest = instant;
		}
	}

}
