package dev.zielwerk.segment.evaluation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import dev.zielwerk.segment.rule.AggregateFunction;
import dev.zielwerk.segment.rule.ArithmeticOperator;
import dev.zielwerk.segment.rule.ComparisonOperator;
import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.ConsentPurpose;
import dev.zielwerk.segment.rule.EventSelector;
import dev.zielwerk.segment.rule.Literal;
import dev.zielwerk.segment.rule.ParsedRule;
import dev.zielwerk.segment.rule.PropertyFilter;
import dev.zielwerk.segment.rule.PropertyRef;
import dev.zielwerk.segment.rule.RuleDuration;
import dev.zielwerk.segment.rule.RuleValidator;
import dev.zielwerk.segment.rule.SegmentCatalog;
import dev.zielwerk.segment.rule.Value;
import dev.zielwerk.segment.rule.Window;

/**
 * Random valid rules over the small vocabulary {@link RandomProfiles} fills with data, so
 * that conditions actually match: every condition kind, every value kind, windows around
 * {@link RandomProfiles#BASE}.
 */
final class RandomRules {

	static final List<String> EVENT_NAMES = List.of("Order Completed", "Email Opened", "Page Viewed");

	static final List<List<String>> PROPERTIES = List.of(List.of("revenue"), List.of("category"), List.of("tags"),
			List.of("at"), List.of("flag"), List.of("meta", "level"));

	static final List<List<String>> TRAITS = List.of(List.of("geo", "country"), List.of("demographic", "age"),
			List.of("custom", "signup"), List.of("custom", "tags"), List.of("custom", "vip"),
			List.of("custom", "score"), List.of("custom", "nested", "level"), List.of("firmographic", "employees"),
			List.of("custom"), List.of("geo", "city"));

	static final List<String> STRINGS = List.of("DE", "AT", "de", "", "D", "shoes", "books", "a", "b", "\uD83D\uDE00",
			"\uFFFD", "2026-01-15", "2026", "x\"y");

	static final List<String> NUMBERS = List.of("0", "1", "2", "3", "25", "31", "40", "50.5", "100", "-1", "0.4", "1.5",
			"250", "1000", "0.333");

	private static final SegmentCatalog CATALOG = new SegmentCatalog() {

		@Override
		public boolean exists(String key) {
			return RandomProfiles.SEGMENTS.contains(key);
		}

		@Override
		public Set<String> references(String key) {
			return Set.of();
		}

		@Override
		public Set<String> keys() {
			return Set.copyOf(RandomProfiles.SEGMENTS);
		}

	};

	private final Random random;

	RandomRules(Random random) {
		this.random = random;
	}

	/** A rule the validator accepts. */
	Condition valid(int depth) {
		RuleValidator validator = new RuleValidator(CATALOG);
		while (true) {
			Condition rule = condition(depth);
			if (validator.validate(ParsedRule.of(rule), null).isEmpty()) {
				return rule;
			}
		}
	}

	Condition condition(int depth) {
		int choice = this.random.nextInt((depth <= 0) ? 12 : 16);
		return switch (choice) {
			case 0 -> new Condition.Consent(pick(ConsentPurpose.values()));
			case 1 -> new Condition.InSegment(pick(RandomProfiles.SEGMENTS));
			case 2 -> new Condition.Recency(pick(Condition.Recency.Occurrence.values()), event(),
					pick(Condition.Recency.Timing.values()), duration());
			case 3, 4 -> new Condition.Comparison(value(depth - 1), pick(ComparisonOperator.values()), operand());
			case 5 -> new Condition.In(value(depth - 1), literals());
			case 6 -> new Condition.NotIn(value(depth - 1), literals());
			case 7 -> new Condition.Contains(value(depth - 1), literal());
			case 8 -> new Condition.NotContains(value(depth - 1), literal());
			case 9 -> new Condition.StartsWith(value(depth - 1), new Literal.Text(pick(STRINGS)));
			case 10 -> new Condition.Between(value(depth - 1), operand(), operand());
			case 11 -> this.random.nextBoolean() ? new Condition.Exists(value(depth - 1))
					: new Condition.NotExists(value(depth - 1));
			case 12 -> new Condition.Not(condition(depth - 1));
			case 13, 14 -> new Condition.And(several(() -> condition(depth - 1)));
			default -> new Condition.Or(several(() -> condition(depth - 1)));
		};
	}

	/** The tested side: mostly traits and aggregates. */
	Value value(int depth) {
		int choice = this.random.nextInt((depth <= 0) ? 9 : 10);
		return switch (choice) {
			case 0 -> literal();
			case 1, 2, 3, 4 -> trait();
			case 5, 6, 7, 8 -> aggregate();
			default -> new Value.Arithmetic(value(depth - 1), pick(ArithmeticOperator.values()), value(depth - 1));
		};
	}

	/** The other side of a comparison: mostly literals. */
	private Value operand() {
		return switch (this.random.nextInt(6)) {
			case 0 -> trait();
			case 1 -> aggregate();
			default -> literal();
		};
	}

	private Value.TraitRef trait() {
		return new Value.TraitRef(pick(TRAITS));
	}

	private Value.Aggregate aggregate() {
		AggregateFunction function = pick(AggregateFunction.values());
		PropertyRef property = function.needsProperty() ? new PropertyRef(pick(PROPERTIES)) : null;
		return new Value.Aggregate(function, property, event(), window());
	}

	private Window window() {
		return switch (this.random.nextInt(4)) {
			case 0, 1 -> new Window.Within(duration());
			case 2 -> {
				Instant from = instant();
				Instant to = instant();
				yield from.isBefore(to) ? new Window.Between(from, to)
						: new Window.Between(to, from.plus(Duration.ofDays(1)));
			}
			default -> new Window.AllTime();
		};
	}

	EventSelector event() {
		String name = (this.random.nextInt(5) == 0) ? null : pick(EVENT_NAMES);
		List<PropertyFilter> filters = new ArrayList<>();
		int count = (this.random.nextInt(3) == 0) ? 1 + this.random.nextInt(2) : 0;
		for (int i = 0; i < count; i++) {
			PropertyRef property = new PropertyRef(pick(PROPERTIES));
			filters.add(switch (this.random.nextInt(4)) {
				case 0 -> new PropertyFilter.Compare(property, pick(ComparisonOperator.values()), literal());
				case 1 -> new PropertyFilter.In(property, literals());
				case 2 -> new PropertyFilter.NotIn(property, literals());
				default -> new PropertyFilter.Exists(property);
			});
		}
		return new EventSelector(name, filters);
	}

	Literal literal() {
		return switch (this.random.nextInt(7)) {
			case 0, 1 -> new Literal.Text(pick(STRINGS));
			case 2, 3, 4 -> Literal.Numeric.of(pick(NUMBERS));
			case 5 -> new Literal.Timestamp(instant());
			default -> new Literal.Bool(this.random.nextBoolean());
		};
	}

	private List<Literal> literals() {
		List<Literal> literals = new ArrayList<>();
		int count = this.random.nextInt(4);
		Literal first = literal();
		for (int i = 0; i < count; i++) {
			// one type per list, as the validator requires
			literals.add((i == 0) ? first : sameType(first));
		}
		return literals;
	}

	private Literal sameType(Literal literal) {
		return switch (literal) {
			case Literal.Text text -> new Literal.Text(pick(STRINGS));
			case Literal.Numeric number -> new Literal.Numeric(new BigDecimal(pick(NUMBERS)));
			case Literal.Timestamp timestamp -> new Literal.Timestamp(instant());
			case Literal.Bool bool -> new Literal.Bool(this.random.nextBoolean());
		};
	}

	/**
	 * Around the data: days, sometimes with a time, now and then finer than PostgreSQL.
	 */
	Instant instant() {
		Instant day = RandomProfiles.BASE.plus(Duration.ofDays(this.random.nextInt(900) - 450));
		return switch (this.random.nextInt(4)) {
			case 0 -> day.plusSeconds(this.random.nextInt(86_400));
			case 1 -> day.plusNanos(this.random.nextLong(86_400_000_000_000L));
			default -> day;
		};
	}

	RuleDuration duration() {
		RuleDuration.Unit unit = switch (this.random.nextInt(6)) {
			case 0 -> RuleDuration.Unit.MINUTES;
			case 1 -> RuleDuration.Unit.HOURS;
			case 2 -> RuleDuration.Unit.WEEKS;
			default -> RuleDuration.Unit.DAYS;
		};
		return new RuleDuration(1 + this.random.nextInt((unit == RuleDuration.Unit.DAYS) ? 120 : 60), unit);
	}

	private <T> List<T> several(Supplier<T> supplier) {
		List<T> items = new ArrayList<>();
		int count = 2 + this.random.nextInt(2);
		for (int i = 0; i < count; i++) {
			items.add(supplier.get());
		}
		return items;
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

	private <T> T pick(T[] values) {
		return values[this.random.nextInt(values.length)];
	}

}
