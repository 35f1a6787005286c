package dev.zielwerk.segment.rule;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a tree as canonical rule text: one line, single spaces, parentheses only where
 * precedence needs them, numbers without trailing zeros, dates at UTC midnight as dates.
 * Parsing the output gives back an equal tree.
 */
public final class RulePrinter {

	private RulePrinter() {
	}

	/**
	 * Prints any node.
	 * @param node a condition, value, event, filter, property or window
	 * @return its canonical text
	 */
	public static String print(Node node) {
		return switch (node) {
			case Condition condition -> condition(condition);
			case Value value -> value(value);
			case EventSelector event -> event(event);
			case PropertyFilter filter -> filter(filter);
			case PropertyRef property -> "properties." + property.dotted();
			case Window window -> window(window);
		};
	}

	private static String condition(Condition condition) {
		return switch (condition) {
			case Condition.Or or -> or.operands()
				.stream()
				.map((operand) -> (operand instanceof Condition.Or) ? parenthesized(operand) : condition(operand))
				.collect(Collectors.joining(" or "));
			case Condition.And and -> and.operands()
				.stream()
				.map((operand) -> isJunction(operand) ? parenthesized(operand) : condition(operand))
				.collect(Collectors.joining(" and "));
			case Condition.Not not ->
				"not " + (isJunction(not.operand()) ? parenthesized(not.operand()) : condition(not.operand()));
			case Condition.Consent consent -> "consent(" + consent.purpose().name() + ")";
			case Condition.InSegment in -> "in segment " + quote(in.segmentKey());
			case Condition.Recency recency -> recency(recency);
			case Condition.Comparison comparison ->
				value(comparison.left()) + " " + comparison.operator().symbol() + " " + value(comparison.right());
			case Condition.In in -> value(in.value()) + " in " + list(in.list());
			case Condition.NotIn notIn -> value(notIn.value()) + " not in " + list(notIn.list());
			case Condition.Contains contains -> value(contains.value()) + " contains " + value(contains.element());
			case Condition.NotContains contains ->
				value(contains.value()) + " not contains " + value(contains.element());
			case Condition.StartsWith startsWith ->
				value(startsWith.value()) + " starts with " + value(startsWith.prefix());
			case Condition.Between between ->
				value(between.value()) + " between " + value(between.low()) + " and " + value(between.high());
			case Condition.Exists exists -> value(exists.value()) + " exists";
			case Condition.NotExists notExists -> value(notExists.value()) + " not exists";
		};
	}

	private static String recency(Condition.Recency recency) {
		String head = (recency.occurrence() == Condition.Recency.Occurrence.FIRST) ? "first" : "last";
		String tail = switch (recency.timing()) {
			case WITHIN -> " within " + recency.duration();
			case BEFORE_AGO -> " before " + recency.duration() + " ago";
		};
		return head + "(" + event(recency.event()) + ")" + tail;
	}

	private static String value(Value value) {
		return switch (value) {
			case Literal.Text text -> quote(text.value());
			case Literal.Numeric number -> number.value().toPlainString();
			case Literal.Timestamp timestamp -> Dates.format(timestamp.value());
			case Literal.Bool bool -> String.valueOf(bool.value());
			case Value.TraitRef trait -> "traits." + trait.dotted();
			case Value.Aggregate aggregate -> aggregate(aggregate);
			case Value.Arithmetic arithmetic -> arithmetic(arithmetic);
		};
	}

	private static String aggregate(Value.Aggregate aggregate) {
		StringBuilder text = new StringBuilder(aggregate.function().keyword()).append('(');
		if (aggregate.property() != null) {
			text.append("properties.").append(aggregate.property().dotted()).append(", ");
		}
		text.append(event(aggregate.event()));
		String window = window(aggregate.window());
		if (!window.isEmpty()) {
			text.append(' ').append(window);
		}
		return text.append(')').toString();
	}

	/** Left-associative: a right operand of equal precedence keeps its parentheses. */
	private static String arithmetic(Value.Arithmetic arithmetic) {
		int precedence = arithmetic.operator().precedence();
		String left = value(arithmetic.left());
		String right = value(arithmetic.right());
		if (precedence(arithmetic.left()) < precedence) {
			left = "(" + left + ")";
		}
		if (precedence(arithmetic.right()) <= precedence) {
			right = "(" + right + ")";
		}
		return left + " " + arithmetic.operator().symbol() + " " + right;
	}

	private static int precedence(Value value) {
		return (value instanceof Value.Arithmetic arithmetic) ? arithmetic.operator().precedence() : 3;
	}

	private static String event(EventSelector event) {
		String text = "event " + ((event.name() != null) ? quote(event.name()) : "any");
		if (event.filters().isEmpty()) {
			return text;
		}
		return text + " where "
				+ event.filters().stream().map(RulePrinter::filter).collect(Collectors.joining(" and "));
	}

	private static String filter(PropertyFilter filter) {
		String property = "properties." + filter.property().dotted();
		return switch (filter) {
			case PropertyFilter.Compare compare ->
				property + " " + compare.operator().symbol() + " " + value(compare.literal());
			case PropertyFilter.In in -> property + " in " + list(in.list());
			case PropertyFilter.NotIn notIn -> property + " not in " + list(notIn.list());
			case PropertyFilter.Exists exists -> property + " exists";
		};
	}

	private static String window(Window window) {
		return switch (window) {
			case Window.Within within -> "within " + within.duration();
			case Window.Between between ->
				"between " + Dates.format(between.from()) + " and " + Dates.format(between.to());
			case Window.AllTime allTime -> "";
		};
	}

	private static String list(List<Literal> literals) {
		return literals.stream().map(RulePrinter::value).collect(Collectors.joining(", ", "[", "]"));
	}

	private static boolean isJunction(Condition condition) {
		return condition instanceof Condition.And || condition instanceof Condition.Or;
	}

	private static String parenthesized(Condition condition) {
		return "(" + condition(condition) + ")";
	}

	static String quote(String text) {
		return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

}
