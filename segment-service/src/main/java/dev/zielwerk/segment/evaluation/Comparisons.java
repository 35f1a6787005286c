package dev.zielwerk.segment.evaluation;

import java.time.Instant;
import java.util.List;

import dev.zielwerk.segment.rule.ComparisonOperator;
import dev.zielwerk.segment.rule.Literal;
import org.jspecify.annotations.Nullable;

/**
 * The two-valued predicates of RULES.md on run-time values: a missing side or
 * incompatible types give false, for {@code !=} too. The SQL compiler folds predicates
 * between literals with the same code.
 */
final class Comparisons {

	private Comparisons() {
	}

	static boolean compare(RuntimeValue left, ComparisonOperator operator, RuntimeValue right) {
		Integer order = order(left, operator, right);
		return order != null && holds(operator, order);
	}

	static boolean holds(ComparisonOperator operator, int order) {
		return switch (operator) {
			case EQ -> order == 0;
			case NE -> order != 0;
			case LT -> order < 0;
			case LE -> order <= 0;
			case GT -> order > 0;
			case GE -> order >= 0;
		};
	}

	/** The operator that gives the same answer with its sides swapped. */
	static ComparisonOperator flip(ComparisonOperator operator) {
		return switch (operator) {
			case EQ, NE -> operator;
			case LT -> ComparisonOperator.GT;
			case LE -> ComparisonOperator.GE;
			case GT -> ComparisonOperator.LT;
			case GE -> ComparisonOperator.LE;
		};
	}

	private static @Nullable Integer order(RuntimeValue left, ComparisonOperator operator, RuntimeValue right) {
		if (left instanceof RuntimeValue.Num(Rational a) && right instanceof RuntimeValue.Num(Rational b)) {
			return a.compareTo(b);
		}
		if (left instanceof RuntimeValue.Str(String a) && right instanceof RuntimeValue.Str(String b)) {
			return compareCodePoints(a, b);
		}
		if (left instanceof RuntimeValue.Bool(boolean a) && right instanceof RuntimeValue.Bool(boolean b)) {
			return operator.isEquality() ? Boolean.compare(a, b) : null;
		}
		Instant a = instant(left, right);
		Instant b = instant(right, left);
		return (a != null && b != null) ? a.compareTo(b) : null;
	}

	/** A date, or a string read as a date when the other side is a DATE. */
	private static @Nullable Instant instant(RuntimeValue value, RuntimeValue other) {
		if (value instanceof RuntimeValue.Date(Instant instant)) {
			return instant;
		}
		if (value instanceof RuntimeValue.Str(String text) && other instanceof RuntimeValue.Date) {
			return IsoInstants.parse(text);
		}
		return null;
	}

	static int compareCodePoints(String a, String b) {
		int i = 0;
		int j = 0;
		while (i < a.length() && j < b.length()) {
			int x = a.codePointAt(i);
			int y = b.codePointAt(j);
			if (x != y) {
				return Integer.compare(x, y);
			}
			i += Character.charCount(x);
			j += Character.charCount(y);
		}
		return Integer.compare(a.length() - i, b.length() - j);
	}

	static boolean in(RuntimeValue value, List<Literal> list) {
		return list.stream().anyMatch((element) -> compare(value, ComparisonOperator.EQ, RuntimeValue.of(element)));
	}

	static boolean notIn(RuntimeValue value, List<Literal> list) {
		return value.isPresent()
				&& list.stream().allMatch((element) -> compare(value, ComparisonOperator.NE, RuntimeValue.of(element)));
	}

	static boolean contains(RuntimeValue value, Literal element) {
		RuntimeValue wanted = RuntimeValue.of(element);
		return switch (value) {
			case RuntimeValue.Str(String text) ->
				wanted instanceof RuntimeValue.Str(String part) && text.contains(part);
			case RuntimeValue.Listed(List<RuntimeValue> elements) ->
				elements.stream().anyMatch((candidate) -> compare(candidate, ComparisonOperator.EQ, wanted));
			default -> false;
		};
	}

	static boolean notContains(RuntimeValue value, Literal element) {
		RuntimeValue wanted = RuntimeValue.of(element);
		return switch (value) {
			case RuntimeValue.Str(String text) ->
				wanted instanceof RuntimeValue.Str(String part) && !text.contains(part);
			case RuntimeValue.Listed(List<RuntimeValue> elements) ->
				elements.stream().noneMatch((candidate) -> compare(candidate, ComparisonOperator.EQ, wanted));
			default -> false;
		};
	}

	static boolean startsWith(RuntimeValue value, Literal.Text prefix) {
		return value instanceof RuntimeValue.Str(String text) && text.startsWith(prefix.value());
	}

	static boolean between(RuntimeValue value, RuntimeValue low, RuntimeValue high) {
		return compare(low, ComparisonOperator.LE, value) && compare(value, ComparisonOperator.LE, high);
	}

}
