package dev.zielwerk.segment.rule;

import java.util.List;

/**
 * A boolean expression of the rule language; a whole rule is one condition. Evaluators
 * and compilers walk it with an exhaustive {@code switch}. Every condition is two-valued:
 * a predicate with a missing side is false (RULES.md, "Missing values"), which is why
 * {@code x not in [...]} ({@link NotIn}) differs from {@code not x in [...]}.
 */
public sealed interface Condition extends Node {

	/**
	 * {@code a or b or ...}.
	 *
	 * @param operands two or more conditions
	 */
	record Or(List<Condition> operands) implements Condition {
		public Or {
			operands = atLeastTwo(operands, "or");
		}
	}

	/**
	 * {@code a and b and ...}.
	 *
	 * @param operands two or more conditions
	 */
	record And(List<Condition> operands) implements Condition {
		public And {
			operands = atLeastTwo(operands, "and");
		}
	}

	/**
	 * {@code not a}.
	 *
	 * @param operand the negated condition
	 */
	record Not(Condition operand) implements Condition {
	}

	/**
	 * {@code consent(PURPOSE)}: the current consent for the purpose is granted and not
	 * expired.
	 *
	 * @param purpose the purpose
	 */
	record Consent(ConsentPurpose purpose) implements Condition {
	}

	/**
	 * {@code in segment "key"}: membership of the referenced segment at the same instant.
	 *
	 * @param segmentKey the referenced segment's key
	 */
	record InSegment(String segmentKey) implements Condition {
	}

	/**
	 * {@code first(event ...) within 90d}, {@code last(event ...) before 7d ago}.
	 *
	 * @param occurrence whether the earliest or the latest matching event is tested
	 * @param event the matching events
	 * @param timing within the last duration, or at least the duration ago
	 * @param duration the duration
	 */
	record Recency(Occurrence occurrence, EventSelector event, Timing timing,
			RuleDuration duration) implements Condition {

		/** Which matching event a recency test looks at. */
		public enum Occurrence {

			/** The earliest matching event. */
			FIRST,

			/** The latest matching event. */
			LAST

		}

		/** How the event's time is tested. */
		public enum Timing {

			/** {@code within N}: {@code occurredAt > now - N}. */
			WITHIN,

			/** {@code before N ago}: {@code occurredAt <= now - N}. */
			BEFORE_AGO

		}

	}

	/**
	 * {@code left op right}.
	 *
	 * @param left the left value
	 * @param operator the comparison
	 * @param right the right value
	 */
	record Comparison(Value left, ComparisonOperator operator, Value right) implements Condition {
	}

	/**
	 * {@code value in [...]}.
	 *
	 * @param value the tested value
	 * @param list the literals
	 */
	record In(Value value, List<Literal> list) implements Condition {
		public In {
			list = List.copyOf(list);
		}
	}

	/**
	 * {@code value not in [...]}: false when the value is missing.
	 *
	 * @param value the tested value
	 * @param list the literals
	 */
	record NotIn(Value value, List<Literal> list) implements Condition {
		public NotIn {
			list = List.copyOf(list);
		}
	}

	/**
	 * {@code value contains literal}: substring of a string, element of a list.
	 *
	 * @param value the tested value
	 * @param element the looked-for literal
	 */
	record Contains(Value value, Literal element) implements Condition {
	}

	/**
	 * {@code value not contains literal}: false when the value is missing.
	 *
	 * @param value the tested value
	 * @param element the looked-for literal
	 */
	record NotContains(Value value, Literal element) implements Condition {
	}

	/**
	 * {@code value starts with "prefix"}.
	 *
	 * @param value the tested value
	 * @param prefix the prefix
	 */
	record StartsWith(Value value, Literal.Text prefix) implements Condition {
	}

	/**
	 * {@code value between low and high}, both bounds included.
	 *
	 * @param value the tested value
	 * @param low the lower bound
	 * @param high the upper bound
	 */
	record Between(Value value, Value low, Value high) implements Condition {
	}

	/**
	 * {@code value exists}: the value is present.
	 *
	 * @param value the tested value
	 */
	record Exists(Value value) implements Condition {
	}

	/**
	 * {@code value not exists}: the value is missing.
	 *
	 * @param value the tested value
	 */
	record NotExists(Value value) implements Condition {
	}

	private static List<Condition> atLeastTwo(List<Condition> operands, String operator) {
		if (operands.size() < 2) {
			throw new IllegalArgumentException("'" + operator + "' needs at least two operands");
		}
		return List.copyOf(operands);
	}

}
