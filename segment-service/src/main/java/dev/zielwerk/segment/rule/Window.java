package dev.zielwerk.segment.rule;

import java.time.Instant;

/** The time window of an aggregate. */
public sealed interface Window extends Node {

	/**
	 * {@code within 30d}: {@code now - N < occurredAt <= now}.
	 *
	 * @param duration the duration
	 */
	record Within(RuleDuration duration) implements Window {
	}

	/**
	 * {@code between 2026-01-01 and 2026-02-01}: {@code from <= occurredAt < to}.
	 *
	 * @param from the inclusive start
	 * @param to the exclusive end
	 */
	record Between(Instant from, Instant to) implements Window {
	}

	/** No window written: all of the profile's events. */
	record AllTime() implements Window {
	}

}
