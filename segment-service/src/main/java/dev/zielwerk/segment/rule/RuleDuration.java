package dev.zielwerk.segment.rule;

import java.time.Duration;

/**
 * A duration as written: {@code 30d}, {@code 12h}. Kept as amount and unit (not
 * normalised) so that printing gives back what the marketer wrote.
 *
 * @param amount the amount; the validator requires at least 1
 * @param unit the unit
 */
public record RuleDuration(long amount, Unit unit) {

	/**
	 * The largest amount the parser accepts, so that any window stays within
	 * {@link java.time.Instant}.
	 */
	public static final long MAX_AMOUNT = 1_000_000;

	/**
	 * The same duration for arithmetic on instants.
	 * @return the java.time duration
	 */
	public Duration toDuration() {
		return this.unit.base.multipliedBy(this.amount);
	}

	@Override
	public String toString() {
		return this.amount + String.valueOf(this.unit.symbol);
	}

	/** The units of a duration. */
	public enum Unit {

		/** {@code m}. */
		MINUTES('m', Duration.ofMinutes(1)),

		/** {@code h}. */
		HOURS('h', Duration.ofHours(1)),

		/** {@code d}: 24 hours (UTC has no daylight saving). */
		DAYS('d', Duration.ofDays(1)),

		/** {@code w}: 7 days. */
		WEEKS('w', Duration.ofDays(7));

		private final char symbol;

		private final Duration base;

		Unit(char symbol, Duration base) {
			this.symbol = symbol;
			this.base = base;
		}

		/**
		 * How the unit is written.
		 * @return the letter
		 */
		public char symbol() {
			return this.symbol;
		}

		static Unit of(char symbol) {
			for (Unit unit : values()) {
				if (unit.symbol == symbol) {
					return unit;
				}
			}
			throw new IllegalArgumentException("no duration unit '" + symbol + "'");
		}

	}

}
