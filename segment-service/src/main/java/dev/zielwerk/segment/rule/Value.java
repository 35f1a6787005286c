package dev.zielwerk.segment.rule;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A value expression: a literal, a trait, an event aggregate or arithmetic over values.
 * At run time any value may be missing (an absent trait, an empty {@code avg}, a division
 * by zero).
 */
public sealed interface Value extends Node permits Literal, Value.TraitRef, Value.Aggregate, Value.Arithmetic {

	/**
	 * {@code traits.a.b}: a profile trait.
	 *
	 * @param path the names after {@code traits.}, at least one
	 */
	record TraitRef(List<String> path) implements Value {
		public TraitRef {
			path = PropertyRef.checkedPath(path);
		}

		/**
		 * The path as written after {@code traits.}.
		 * @return the dotted path, such as {@code geo.country}
		 */
		public String dotted() {
			return String.join(".", this.path);
		}
	}

	/**
	 * {@code count(event ... within 30d)}, {@code sum(properties.revenue, event ...)}.
	 *
	 * @param function the aggregate
	 * @param property the aggregated property; required by all functions but
	 * {@code count}, which takes none (the validator reports a mismatch; the parser keeps
	 * what was written)
	 * @param event the matching events
	 * @param window the time window
	 */
	record Aggregate(AggregateFunction function, @Nullable PropertyRef property, EventSelector event,
			Window window) implements Value {
	}

	/**
	 * {@code left op right}, numeric.
	 *
	 * @param left the left operand
	 * @param operator the operator
	 * @param right the right operand
	 */
	record Arithmetic(Value left, ArithmeticOperator operator, Value right) implements Value {
	}

}
