package dev.zielwerk.segment.rule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Static checks where types are known: literals have their own type, aggregates and
 * arithmetic are numbers, traits and properties are unknown until run time (where a
 * mismatch is false).
 */
final class TypeChecker {

	private final Positions positions;

	private final List<RuleError> errors = new ArrayList<>();

	TypeChecker(Positions positions) {
		this.positions = positions;
	}

	List<RuleError> check(Condition rule) {
		condition(rule);
		return this.errors;
	}

	private void condition(Condition condition) {
		switch (condition) {
			case Condition.Or or -> or.operands().forEach(this::condition);
			case Condition.And and -> and.operands().forEach(this::condition);
			case Condition.Not not -> condition(not.operand());
			case Condition.Consent consent -> {
				// the parser only accepts known purposes
			}
			case Condition.InSegment in -> {
				// resolved by SegmentReferences
			}
			case Condition.Recency recency -> {
				event(recency.event());
				duration(recency, recency.duration());
			}
			case Condition.Comparison comparison ->
				comparison(comparison, comparison.operator(), typeOf(comparison.left()), typeOf(comparison.right()));
			case Condition.In in -> list(typeOf(in.value()), in.list());
			case Condition.NotIn notIn -> list(typeOf(notIn.value()), notIn.list());
			case Condition.Contains contains -> contains(contains, typeOf(contains.value()), contains.element());
			case Condition.NotContains contains -> contains(contains, typeOf(contains.value()), contains.element());
			case Condition.StartsWith startsWith -> {
				ValueType type = typeOf(startsWith.value());
				if (type.isKnown() && type != ValueType.STRING) {
					error(startsWith, "\"starts with\" needs a string, found " + type.withArticle());
				}
			}
			case Condition.Between between -> between(between);
			case Condition.Exists exists -> typeOf(exists.value());
			case Condition.NotExists notExists -> typeOf(notExists.value());
		}
	}

	private void comparison(Node at, ComparisonOperator operator, ValueType left, ValueType right) {
		if ((left == ValueType.BOOLEAN || right == ValueType.BOOLEAN) && !operator.isEquality()) {
			error(at, "booleans can only be compared with = or !=, not " + operator.symbol());
		}
		else if (!left.isCompatibleWith(right)) {
			error(at, "cannot compare " + left.withArticle() + " with " + right.withArticle());
		}
	}

	private void list(ValueType value, List<Literal> list) {
		ValueType expected = value;
		for (Literal element : list) {
			ValueType type = typeOf(element);
			if (!expected.isCompatibleWith(type)) {
				String message = (expected == value)
						? "cannot compare " + value.withArticle() + " with " + type.withArticle()
						: "a list holds one type: found " + type.withArticle() + " after " + expected.withArticle();
				error(element, message);
				return;
			}
			if (!expected.isKnown()) {
				expected = type;
			}
		}
	}

	private void contains(Node at, ValueType value, Literal element) {
		ValueType type = typeOf(element);
		if (value.isKnown() && value != ValueType.STRING) {
			error(at, "\"contains\" needs a string or a list, found " + value.withArticle());
		}
		else if (value == ValueType.STRING && type != ValueType.STRING) {
			error(at, "cannot look for " + type.withArticle() + " in a string");
		}
	}

	private void between(Condition.Between between) {
		ValueType value = typeOf(between.value());
		ValueType low = typeOf(between.low());
		ValueType high = typeOf(between.high());
		if (value == ValueType.BOOLEAN || low == ValueType.BOOLEAN || high == ValueType.BOOLEAN) {
			error(between, "\"between\" needs ordered values, not booleans");
		}
		else if (!value.isCompatibleWith(low) || !value.isCompatibleWith(high) || !low.isCompatibleWith(high)) {
			List<ValueType> known = Stream.of(value, low, high).filter(ValueType::isKnown).distinct().toList();
			error(between, "cannot compare " + known.get(0).withArticle() + " with " + known.get(1).withArticle());
		}
		else if (between.low() instanceof Literal.Numeric(BigDecimal from)
				&& between.high() instanceof Literal.Numeric(BigDecimal to) && from.compareTo(to) > 0) {
			error(between, "the lower bound " + from.toPlainString() + " is greater than the upper bound "
					+ to.toPlainString());
		}
		else if (between.low() instanceof Literal.Timestamp(var from)
				&& between.high() instanceof Literal.Timestamp(var to) && from.isAfter(to)) {
			error(between, "the lower bound " + Dates.format(from) + " is after the upper bound " + Dates.format(to));
		}
	}

	private ValueType typeOf(Value value) {
		return switch (value) {
			case Literal.Text text -> ValueType.STRING;
			case Literal.Numeric number -> ValueType.NUMBER;
			case Literal.Timestamp timestamp -> ValueType.DATE;
			case Literal.Bool bool -> ValueType.BOOLEAN;
			case Value.TraitRef trait -> ValueType.UNKNOWN;
			case Value.Aggregate aggregate -> {
				aggregate(aggregate);
				yield ValueType.NUMBER;
			}
			case Value.Arithmetic arithmetic -> {
				operand(arithmetic, typeOf(arithmetic.left()));
				operand(arithmetic, typeOf(arithmetic.right()));
				yield ValueType.NUMBER;
			}
		};
	}

	private void operand(Value.Arithmetic at, ValueType type) {
		if (type.isKnown() && type != ValueType.NUMBER) {
			error(at, "\"" + at.operator().symbol() + "\" needs numbers, found " + type.withArticle());
		}
	}

	private void aggregate(Value.Aggregate aggregate) {
		String keyword = aggregate.function().keyword();
		if (aggregate.function().needsProperty() && aggregate.property() == null) {
			error(aggregate, keyword + " needs a property, as in " + keyword + "(properties.revenue, event ...)");
		}
		else if (!aggregate.function().needsProperty() && aggregate.property() != null) {
			error(aggregate, "count takes no property: write count(event ...)");
		}
		event(aggregate.event());
		switch (aggregate.window()) {
			case Window.Within within -> duration(within, within.duration());
			case Window.Between between -> {
				if (!between.from().isBefore(between.to())) {
					error(between, "the window must start before it ends");
				}
			}
			case Window.AllTime allTime -> {
				// all of the profile's events
			}
		}
	}

	private void event(EventSelector event) {
		if (event.name() != null && event.name().isBlank()) {
			error(event, "an event name cannot be empty");
		}
		for (PropertyFilter filter : event.filters()) {
			switch (filter) {
				case PropertyFilter.Compare compare ->
					comparison(compare, compare.operator(), ValueType.UNKNOWN, typeOf(compare.literal()));
				case PropertyFilter.In in -> list(ValueType.UNKNOWN, in.list());
				case PropertyFilter.NotIn notIn -> list(ValueType.UNKNOWN, notIn.list());
				case PropertyFilter.Exists exists -> {
					// any property may be tested for presence
				}
			}
		}
	}

	private void duration(Node at, RuleDuration duration) {
		if (duration.amount() < 1) {
			error(at, "a duration must be at least 1: found " + duration);
		}
	}

	private void error(Node at, String message) {
		this.errors.add(RuleError.at(this.positions.orStart(at), RulePrinter.print(at), message));
	}

	/** What is statically known of a value's type. */
	private enum ValueType {

		STRING("a string"), NUMBER("a number"), DATE("a date"), BOOLEAN("a boolean"), UNKNOWN("a value");

		private final String withArticle;

		ValueType(String withArticle) {
			this.withArticle = withArticle;
		}

		String withArticle() {
			return this.withArticle;
		}

		boolean isKnown() {
			return this != UNKNOWN;
		}

		boolean isCompatibleWith(ValueType other) {
			return this == other || this == UNKNOWN || other == UNKNOWN;
		}

	}

}
