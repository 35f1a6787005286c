package dev.zielwerk.segment.evaluation;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * An exact number: numerator over a positive denominator. Division and {@code avg} stay
 * exact, so the in-memory evaluator and SQL (which computes the same pairs in
 * {@code numeric}) never disagree on rounding.
 *
 * @param numerator the numerator
 * @param denominator the denominator, greater than zero
 */
record Rational(BigDecimal numerator, BigDecimal denominator) {

	static Rational of(BigDecimal value) {
		return new Rational(value, BigDecimal.ONE);
	}

	Rational plus(Rational other) {
		return new Rational(this.numerator.multiply(other.denominator).add(other.numerator.multiply(this.denominator)),
				this.denominator.multiply(other.denominator));
	}

	Rational minus(Rational other) {
		return new Rational(
				this.numerator.multiply(other.denominator).subtract(other.numerator.multiply(this.denominator)),
				this.denominator.multiply(other.denominator));
	}

	Rational times(Rational other) {
		return new Rational(this.numerator.multiply(other.numerator), this.denominator.multiply(other.denominator));
	}

	/**
	 * The quotient.
	 * @param other the divisor
	 * @return the quotient, or {@code null} (missing) for a zero divisor
	 */
	@Nullable Rational dividedBy(Rational other) {
		int sign = other.numerator.signum();
		if (sign == 0) {
			return null;
		}
		BigDecimal numerator = this.numerator.multiply(other.denominator);
		BigDecimal denominator = this.denominator.multiply(other.numerator);
		return (sign > 0) ? new Rational(numerator, denominator)
				: new Rational(numerator.negate(), denominator.negate());
	}

	int compareTo(Rational other) {
		return this.numerator.multiply(other.denominator).compareTo(other.numerator.multiply(this.denominator));
	}

}
