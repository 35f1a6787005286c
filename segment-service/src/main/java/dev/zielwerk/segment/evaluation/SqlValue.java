package dev.zielwerk.segment.evaluation;

/**
 * A compiled value with what is statically known of its type: a number as an exact
 * numerator/denominator pair ({@code numerator} SQL NULL when missing), a JSON value
 * whose type is known only at run time, or a literal.
 */
sealed interface SqlValue {

	/**
	 * A number.
	 *
	 * @param numerator SQL {@code numeric}, NULL for missing
	 * @param denominator SQL {@code numeric}, positive when the numerator is not NULL;
	 * {@code "1"} for whole values
	 */
	record Num(String numerator, String denominator) implements SqlValue {
	}

	/**
	 * A trait or property.
	 *
	 * @param expression a parenthesised {@code jsonb} expression, SQL NULL when absent
	 */
	record Json(String expression) implements SqlValue {
	}

	/**
	 * A literal, folded at compile time where both sides are literals.
	 *
	 * @param value the value
	 */
	record Const(RuntimeValue value) implements SqlValue {
	}

}
