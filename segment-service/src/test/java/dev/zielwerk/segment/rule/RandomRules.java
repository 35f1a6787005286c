package dev.zielwerk.segment.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates random trees covering every node kind, with bounded depth; names include
 * keywords and strings include quotes, backslashes and non-ASCII characters.
 */
final class RandomRules {

	private static final String[] NAMES = { "age", "geo", "country", "x", "_id", "line1", "and", "in", "count",
			"traits", "Revenue", "a_b_c" };

	private static final String STRING_CHARS = "abcXYZ 019-_.\"\\'äß€😀\t()[]--";

	private final Random random;

	RandomRules(Random random) {
		this.random = random;
	}

	Condition condition(int depth) {
		int choice = this.random.nextInt((depth <= 0) ? 12 : 15);
		return switch (choice) {
			case 0 -> new Condition.Consent(pick(ConsentPurpose.values()));
			case 1 -> new Condition.InSegment(string());
			case 2 -> new Condition.Recency(pick(Condition.Recency.Occurrence.values()), event(),
					pick(Condition.Recency.Timing.values()), duration());
			case 3 -> new Condition.Comparison(value(depth - 1), pick(ComparisonOperator.values()), value(depth - 1));
			case 4 -> new Condition.In(value(depth - 1), literals());
			case 5 -> new Condition.NotIn(value(depth - 1), literals());
			case 6 -> new Condition.Contains(value(depth - 1), literal());
			case 7 -> new Condition.NotContains(value(depth - 1), literal());
			case 8 -> new Condition.StartsWith(value(depth - 1), new Literal.Text(string()));
			case 9 -> new Condition.Between(value(depth - 1), value(depth - 1), value(depth - 1));
			case 10 -> new Condition.Exists(value(depth - 1));
			case 11 -> new Condition.NotExists(value(depth - 1));
			case 12 -> new Condition.Not(condition(depth - 1));
			case 13 -> new Condition.And(several(() -> condition(depth - 1)));
			default -> new Condition.Or(several(() -> condition(depth - 1)));
		};
	}

	Value value(int depth) {
		int choice = this.random.nextInt((depth <= 0) ? 3 : 4);
		return switch (choice) {
			case 0 -> literal();
			case 1 -> new Value.TraitRef(path());
			case 2 -> aggregate();
			default -> new Value.Arithmetic(value(depth - 1), pick(ArithmeticOperator.values()), value(depth - 1));
		};
	}

	private Value.Aggregate aggregate() {
		AggregateFunction function = pick(AggregateFunction.values());
		// now and then the form the validator rejects, which must still print and parse
		boolean withProperty = function.needsProperty() ^ (this.random.nextInt(10) == 0);
		PropertyRef property = withProperty ? new PropertyRef(path()) : null;
		return new Value.Aggregate(function, property, event(), window());
	}

	private Window window() {
		return switch (this.random.nextInt(3)) {
			case 0 -> new Window.Within(duration());
			case 1 -> new Window.Between(instant(), instant());
			default -> new Window.AllTime();
		};
	}

	EventSelector event() {
		String name = (this.random.nextInt(4) == 0) ? null : string();
		List<PropertyFilter> filters = new ArrayList<>();
		int count = this.random.nextInt(4);
		for (int i = 0; i < count; i++) {
			filters.add(filter());
		}
		return new EventSelector(name, filters);
	}

	private PropertyFilter filter() {
		PropertyRef property = new PropertyRef(path());
		return switch (this.random.nextInt(4)) {
			case 0 -> new PropertyFilter.Compare(property, pick(ComparisonOperator.values()), literal());
			case 1 -> new PropertyFilter.In(property, literals());
			case 2 -> new PropertyFilter.NotIn(property, literals());
			default -> new PropertyFilter.Exists(property);
		};
	}

	Literal literal() {
		return switch (this.random.nextInt(4)) {
			case 0 -> new Literal.Text(string());
			case 1 -> new Literal.Numeric(number());
			case 2 -> new Literal.Timestamp(instant());
			default -> new Literal.Bool(this.random.nextBoolean());
		};
	}

	private List<Literal> literals() {
		List<Literal> literals = new ArrayList<>();
		int count = this.random.nextInt(4);
		for (int i = 0; i < count; i++) {
			literals.add(literal());
		}
		return literals;
	}

	private BigDecimal number() {
		long unscaled = switch (this.random.nextInt(3)) {
			case 0 -> this.random.nextInt(10);
			case 1 -> this.random.nextInt(2_000_001) - 1_000_000;
			default -> this.random.nextLong();
		};
		return BigDecimal.valueOf(unscaled, this.random.nextInt(6));
	}

	private Instant instant() {
		long day = 86_400L;
		long seconds = 20_000 * day + this.random.nextInt(20_000) * day;
		return switch (this.random.nextInt(3)) {
			case 0 -> Instant.ofEpochSecond(seconds);
			case 1 -> Instant.ofEpochSecond(seconds + this.random.nextInt((int) day));
			default -> Instant.ofEpochSecond(seconds, this.random.nextInt(1_000_000_000));
		};
	}

	private RuleDuration duration() {
		long amount = 1 + this.random.nextInt((this.random.nextBoolean()) ? 100 : (int) RuleDuration.MAX_AMOUNT);
		return new RuleDuration(amount, pick(RuleDuration.Unit.values()));
	}

	private List<String> path() {
		List<String> path = new ArrayList<>();
		int length = 1 + this.random.nextInt(3);
		for (int i = 0; i < length; i++) {
			path.add(pick(NAMES));
		}
		return path;
	}

	String string() {
		StringBuilder text = new StringBuilder();
		int length = this.random.nextInt(8);
		for (int i = 0; i < length; i++) {
			int at = this.random.nextInt(STRING_CHARS.length());
			if (Character.isHighSurrogate(STRING_CHARS.charAt(at))) {
				text.append(STRING_CHARS, at, at + 2);
			}
			else if (!Character.isLowSurrogate(STRING_CHARS.charAt(at))) {
				text.append(STRING_CHARS.charAt(at));
			}
		}
		return text.toString();
	}

	private <T> List<T> several(Supplier<T> supplier) {
		List<T> items = new ArrayList<>();
		int count = 2 + this.random.nextInt(3);
		for (int i = 0; i < count; i++) {
			items.add(supplier.get());
		}
		return items;
	}

	private <T> T pick(T[] values) {
		return values[this.random.nextInt(values.length)];
	}

}
