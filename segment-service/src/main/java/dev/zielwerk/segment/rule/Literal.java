package dev.zielwerk.segment.rule;

import java.math.BigDecimal;
import java.time.Instant;

/** A literal: a string, a number, a date or instant, or a boolean. */
public sealed interface Literal extends Value {

	/**
	 * A double-quoted string.
	 *
	 * @param value the unescaped text
	 */
	record Text(String value) implements Literal {
	}

	/**
	 * A decimal number, kept without trailing zeros so that {@code 1.50} equals
	 * {@code 1.5}.
	 *
	 * @param value the number
	 */
	record Numeric(BigDecimal value) implements Literal {
		public Numeric {
			value = (value.signum() == 0) ? BigDecimal.ZERO : value.stripTrailingZeros();
		}

		/**
		 * A number from its text.
		 * @param text a decimal such as {@code -1.5}
		 * @return the literal
		 */
		public static Numeric of(String text) {
			return new Numeric(new BigDecimal(text));
		}
	}

	/**
	 * A date ({@code 2026-01-31}, its UTC midnight) or an instant
	 * ({@code 2026-01-31T12:00:00Z}).
	 *
	 * @param value the instant
	 */
	record Timestamp(Instant value) implements Literal {
	}

	/**
	 * {@code true} or {@code false}.
	 *
	 * @param value the value
	 */
	record Bool(boolean value) implements Literal {
	}

}
