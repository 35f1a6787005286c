package dev.zielwerk.segment.rule;

import java.util.Locale;

/** The event aggregates; all but {@code count} read a numeric property of the events. */
public enum AggregateFunction {

	/** Number of matching events; 0 for none. */
	COUNT,

	/** Sum of the property; 0 for none. */
	SUM,

	/** Average of the property; missing for none. */
	AVG,

	/** Smallest value of the property; missing for none. */
	MIN,

	/** Largest value of the property; missing for none. */
	MAX;

	/**
	 * How the function is written.
	 * @return the lower-case keyword
	 */
	public String keyword() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether the function reads a property of the events.
	 * @return false only for {@code count}
	 */
	public boolean needsProperty() {
		return this != COUNT;
	}

}
