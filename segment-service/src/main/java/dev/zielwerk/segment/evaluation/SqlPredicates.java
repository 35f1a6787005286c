package dev.zielwerk.segment.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import dev.zielwerk.segment.rule.ComparisonOperator;
import dev.zielwerk.segment.rule.Literal;

/**
 * The predicates of RULES.md in SQL. Every result is a boolean expression that is never
 * NULL (missing sides and type mismatches are {@code false}), so {@code not}, {@code and}
 * and {@code or} above it keep two-valued logic. Casts from {@code jsonb} sit inside
 * {@code CASE} so that they only run on values of the right type.
 */
final class SqlPredicates {

	private static final String STRING = "'string'";

	private final QueryParts parts;

	SqlPredicates(QueryParts parts) {
		this.parts = parts;
	}

	String compare(SqlValue left, ComparisonOperator operator, SqlValue right) {
		if (left instanceof SqlValue.Const(RuntimeValue a) && right instanceof SqlValue.Const(RuntimeValue b)) {
			return bool(Comparisons.compare(a, operator, b));
		}
		if (left instanceof SqlValue.Const) {
			return compare(right, Comparisons.flip(operator), left);
		}
		if (left instanceof SqlValue.Json a && right instanceof SqlValue.Json b) {
			return dynamic(a.expression(), operator, b.expression());
		}
		if (right instanceof SqlValue.Const(RuntimeValue constant)) {
			return switch (constant) {
				case RuntimeValue.Num number -> numeric(asNumber(left), operator, asNumber(right));
				case RuntimeValue.Str(String text) when left instanceof SqlValue.Json(String json) ->
					"coalesce(case when jsonb_typeof(" + json + ") = " + STRING + " then " + text(json) + " "
							+ operator.symbol() + " " + this.parts.text(text) + " collate \"C\" end, false)";
				case RuntimeValue.Date(Instant instant) when left instanceof SqlValue.Json(String json) ->
					date(jsonInstant(json), operator, instant);
				case RuntimeValue.Bool(boolean value) when left instanceof SqlValue.Json(String json)
						&& operator.isEquality() ->
					"coalesce(case when jsonb_typeof(" + json + ") = 'boolean' then (" + json + ")::boolean "
							+ operator.symbol() + " " + value + " end, false)";
				default -> "false";
			};
		}
		return numeric(asNumber(left), operator, asNumber(right));
	}

	String exists(SqlValue value) {
		return switch (value) {
			case SqlValue.Const constant -> "true";
			case SqlValue.Num number -> "(" + number.numerator() + " is not null)";
			case SqlValue.Json(String json) -> "coalesce(jsonb_typeof(" + json + ") <> 'null', false)";
		};
	}

	String in(SqlValue value, List<Literal> list) {
		if (list.isEmpty()) {
			return "false";
		}
		return list.stream()
			.map((element) -> compare(value, ComparisonOperator.EQ, constant(element)))
			.collect(Collectors.joining(" or ", "(", ")"));
	}

	String notIn(SqlValue value, List<Literal> list) {
		StringBuilder sql = new StringBuilder("(").append(exists(value));
		list.forEach((element) -> sql.append(" and ").append(compare(value, ComparisonOperator.NE, constant(element))));
		return sql.append(")").toString();
	}

	String contains(SqlValue value, Literal element, boolean negated) {
		return switch (value) {
			case SqlValue.Const(RuntimeValue constant) ->
				bool(negated ? Comparisons.notContains(constant, element) : Comparisons.contains(constant, element));
			case SqlValue.Num number -> "false";
			case SqlValue.Json(String json) -> {
				String inString = "false";
				if (element instanceof Literal.Text(String part)) {
					inString = "strpos(" + json + " #>> '{}', " + this.parts.text(part) + ") " + (negated ? "=" : ">")
							+ " 0";
				}
				String inList = (negated ? "not " : "") + "exists (select 1 from jsonb_array_elements(" + json
						+ ") as el (value) where "
						+ compare(new SqlValue.Json("(el.value)"), ComparisonOperator.EQ, constant(element)) + ")";
				yield "coalesce(case jsonb_typeof(" + json + ") when " + STRING + " then " + inString
						+ " when 'array' then " + inList + " else false end, false)";
			}
		};
	}

	String startsWith(SqlValue value, Literal.Text prefix) {
		return switch (value) {
			case SqlValue.Const(RuntimeValue constant) -> bool(Comparisons.startsWith(constant, prefix));
			case SqlValue.Num number -> "false";
			case SqlValue.Json(String json) -> "coalesce(case when jsonb_typeof(" + json + ") = " + STRING
					+ " then starts_with(" + json + " #>> '{}', " + this.parts.text(prefix.value()) + ") end, false)";
		};
	}

	String between(SqlValue value, SqlValue low, SqlValue high) {
		return "(" + compare(low, ComparisonOperator.LE, value) + " and " + compare(value, ComparisonOperator.LE, high)
				+ ")";
	}

	/** Any value as a number: JSON numbers, numeric literals; everything else missing. */
	SqlValue.Num asNumber(SqlValue value) {
		return switch (value) {
			case SqlValue.Num number -> number;
			case SqlValue.Json(String json) -> new SqlValue.Num(
					"(case when jsonb_typeof(" + json + ") = 'number' then (" + json + ")::numeric end)", "1");
			case SqlValue.Const(RuntimeValue.Num(Rational number)) ->
				// literals are whole decimals: denominator 1
				new SqlValue.Num(this.parts.number(number.numerator()), "1");
			case SqlValue.Const constant -> new SqlValue.Num("null::numeric", "1");
		};
	}

	static SqlValue constant(Literal literal) {
		return new SqlValue.Const(RuntimeValue.of(literal));
	}

	/** {@code a/b op c/d} as {@code a*d op c*b}: exact, denominators being positive. */
	private static String numeric(SqlValue.Num left, ComparisonOperator operator, SqlValue.Num right) {
		return "coalesce(" + times(left.numerator(), right.denominator()) + " " + operator.symbol() + " "
				+ times(right.numerator(), left.denominator()) + ", false)";
	}

	static String times(String a, String b) {
		if (b.equals("1")) {
			return a;
		}
		if (a.equals("1")) {
			return b;
		}
		return "(" + a + " * " + b + ")";
	}

	/** Two JSON values of types known only per row: numbers, strings or booleans. */
	private static String dynamic(String a, ComparisonOperator operator, String b) {
		String op = " " + operator.symbol() + " ";
		StringBuilder sql = new StringBuilder("coalesce(case when jsonb_typeof(").append(a)
			.append(") = 'number' and jsonb_typeof(")
			.append(b)
			.append(") = 'number' then (")
			.append(a)
			.append(")::numeric")
			.append(op)
			.append('(')
			.append(b)
			.append(")::numeric when jsonb_typeof(")
			.append(a)
			.append(") = " + STRING + " and jsonb_typeof(")
			.append(b)
			.append(") = " + STRING + " then ")
			.append(text(a))
			.append(op)
			.append(text(b));
		if (operator.isEquality()) {
			sql.append(" when jsonb_typeof(")
				.append(a)
				.append(") = 'boolean' and jsonb_typeof(")
				.append(b)
				.append(") = 'boolean' then (")
				.append(a)
				.append(")::boolean")
				.append(op)
				.append('(')
				.append(b)
				.append(")::boolean");
		}
		return sql.append(" else false end, false)").toString();
	}

	/** A JSON string's text, ordered by code point. */
	private static String text(String json) {
		return "(" + json + " #>> '{}') collate \"C\"";
	}

	private static String jsonInstant(String json) {
		return "segment.iso_instant(case when jsonb_typeof(" + json + ") = " + STRING + " then " + json
				+ " #>> '{}' end)";
	}

	/**
	 * A microsecond instant against a literal of any precision: rounding the literal the
	 * right way keeps the exact answer.
	 */
	private String date(String instant, ComparisonOperator operator, Instant literal) {
		Instant floor = IsoInstants.floorMicros(literal);
		Instant ceil = IsoInstants.ceilMicros(literal);
		boolean exact = floor.equals(literal);
		String sql = switch (operator) {
			case LT -> instant + " < " + this.parts.instant(ceil);
			case LE -> instant + " <= " + this.parts.instant(floor);
			case GT -> instant + " > " + this.parts.instant(floor);
			case GE -> instant + " >= " + this.parts.instant(ceil);
			case EQ -> exact ? instant + " = " + this.parts.instant(floor) : "false";
			case NE -> exact ? instant + " <> " + this.parts.instant(floor) : instant + " is not null";
		};
		return "coalesce(" + sql + ", false)";
	}

	private static String bool(boolean value) {
		return value ? "true" : "false";
	}

}
