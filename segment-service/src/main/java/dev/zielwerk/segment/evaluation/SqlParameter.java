package dev.zielwerk.segment.evaluation;

import java.time.Duration;
import java.time.Instant;

/** A bind parameter of a compiled query, fixed or relative to the evaluation instant. */
sealed interface SqlParameter {

	/**
	 * The value for an evaluation at {@code now}.
	 * @param now the instant
	 * @return a String, BigDecimal or Boolean, as both JDBC and R2DBC bind them
	 */
	Object value(Instant now);

	/**
	 * A value known at compile time.
	 *
	 * @param value a String or BigDecimal
	 */
	record Fixed(Object value) implements SqlParameter {
		@Override
		public Object value(Instant now) {
			return this.value;
		}
	}

	/**
	 * A literal instant, already at microsecond precision, as {@code timestamptz} text.
	 *
	 * @param instant the instant
	 */
	record At(Instant instant) implements SqlParameter {
		@Override
		public Object value(Instant now) {
			return IsoInstants.sqlText(this.instant);
		}
	}

	/**
	 * {@code now - duration} as {@code timestamptz} text. {@code now} is truncated to the
	 * microsecond: against microsecond data, {@code t <= now} and {@code t > now - N}
	 * give the same answers for {@code now} and its truncation.
	 *
	 * @param duration a whole number of minutes, or zero for {@code now} itself
	 */
	record NowMinus(Duration duration) implements SqlParameter {
		@Override
		public Object value(Instant now) {
			return IsoInstants.sqlText(IsoInstants.floorMicros(now).minus(this.duration));
		}
	}

	/**
	 * A bound of the profile id range of a batch query, bound by the caller
	 * ({@link CompiledQuery#parameters(Instant, java.util.UUID, java.util.UUID)}).
	 *
	 * @param high whether it is the upper bound
	 */
	record Bound(boolean high) implements SqlParameter {
		@Override
		public Object value(Instant now) {
			throw new IllegalStateException("a range bound is bound by the caller");
		}
	}

}
