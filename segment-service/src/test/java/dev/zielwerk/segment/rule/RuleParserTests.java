package dev.zielwerk.segment.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.zielwerk.segment.rule.Condition.And;
import dev.zielwerk.segment.rule.Condition.Comparison;
import dev.zielwerk.segment.rule.Condition.Not;
import dev.zielwerk.segment.rule.Condition.Or;
import dev.zielwerk.segment.rule.Condition.Recency;
import dev.zielwerk.segment.rule.Value.Aggregate;
import dev.zielwerk.segment.rule.Value.Arithmetic;
import dev.zielwerk.segment.rule.Value.TraitRef;

import static org.assertj.core.api.Assertions.assertThat;

class RuleParserTests {

	@ParameterizedTest
	@ValueSource(strings = {
			"traits.geo.country in [\"DE\", \"AT\", \"CH\"] and traits.demographic.age between 25 and 40",
			"count(event \"Order Completed\" within 30d) > 3 and last(event any) before 7d ago",
			"count(event \"Email Opened\" within 30d) / count(event \"Email Delivered\" within 30d) > 0.4\n"
					+ "  and count(event \"Order Completed\" within 30d) = 0",
			"sum(properties.revenue, event \"Order Completed\" within 365d) >= 1000 and consent(EMAIL_MARKETING)",
			"traits.firmographic.employees >= 250 and not in segment \"churned\"",
			"count(event \"Product Viewed\" where properties.category = \"shoes\" within 14d) >= 2\n"
					+ "  and first(event \"Order Completed\") within 90d",
			"traits.geo.country in [\"DE\", \"AT\", \"CH\"]\nand count(event \"Order Completed\" within 30d) > 3\n"
					+ "and last(event any) before 7d ago\n"
					+ "and count(event \"Email Opened\" within 30d) / count(event \"Email Delivered\" within 30d) > 0.4\n"
					+ "and consent(EMAIL_MARKETING)\nand not in segment \"churned\"" })
	void parsesEveryExampleOfTheSpecification(String text) {
		ParseResult result = RuleParser.parse(text);
		assertThat(result.errors()).isEmpty();
		assertThat(RuleParser.parse(RulePrinter.print(result.ast())).ast()).isEqualTo(result.ast());
	}

	@Test
	void readsTheFirstExampleIntoTheExpectedTree() {
		Condition ast = parse(
				"traits.geo.country in [\"DE\", \"AT\", \"CH\"] and traits.demographic.age between 25 and 40");
		assertThat(ast).isEqualTo(
				new And(List.of(new Condition.In(trait("geo", "country"), List.of(text("DE"), text("AT"), text("CH"))),
						new Condition.Between(trait("demographic", "age"), number("25"), number("40")))));
	}

	@Test
	void readsTheOpenRateExampleWithDivisionAsAnAggregateArithmetic() {
		Condition ast = parse(
				"count(event \"Email Opened\" within 30d) / count(event \"Email Delivered\" within 30d)" + " > 0.4");
		Aggregate opened = new Aggregate(AggregateFunction.COUNT, null, new EventSelector("Email Opened", List.of()),
				new Window.Within(new RuleDuration(30, RuleDuration.Unit.DAYS)));
		Aggregate delivered = new Aggregate(AggregateFunction.COUNT, null,
				new EventSelector("Email Delivered", List.of()),
				new Window.Within(new RuleDuration(30, RuleDuration.Unit.DAYS)));
		assertThat(ast).isEqualTo(new Comparison(new Arithmetic(opened, ArithmeticOperator.DIVIDE, delivered),
				ComparisonOperator.GT, number("0.4")));
	}

	@Test
	void readsAggregatesWithPropertiesFiltersAndBothWindowKinds() {
		Condition ast = parse("avg(properties.cart.total, event \"Checkout\" where properties.currency in [\"EUR\"]"
				+ " and properties.coupon exists and properties.items >= 2 and properties.channel not in [\"app\"]"
				+ " between 2026-01-01 and 2026-02-01T12:30:00Z) < 99.5");
		EventSelector checkout = new EventSelector("Checkout",
				List.of(new PropertyFilter.In(property("currency"), List.of(text("EUR"))),
						new PropertyFilter.Exists(property("coupon")),
						new PropertyFilter.Compare(property("items"), ComparisonOperator.GE, number("2")),
						new PropertyFilter.NotIn(property("channel"), List.of(text("app")))));
		Window window = new Window.Between(Instant.parse("2026-01-01T00:00:00Z"),
				Instant.parse("2026-02-01T12:30:00Z"));
		assertThat(ast)
			.isEqualTo(new Comparison(new Aggregate(AggregateFunction.AVG, property("cart", "total"), checkout, window),
					ComparisonOperator.LT, number("99.5")));
	}

	@Test
	void readsEveryAggregateFunctionAndAnAggregateWithoutWindow() {
		for (AggregateFunction function : AggregateFunction.values()) {
			String property = function.needsProperty() ? "properties.amount, " : "";
			Condition ast = parse(function.keyword() + "(" + property + "event any) >= 1");
			Aggregate aggregate = (Aggregate) ((Comparison) ast).left();
			assertThat(aggregate.function()).isEqualTo(function);
			assertThat(aggregate.window()).isEqualTo(new Window.AllTime());
			assertThat(aggregate.event().isAny()).isTrue();
		}
	}

	@Test
	void readsRecencyInAllFourForms() {
		assertThat(parse("first(event \"A\") within 90d"))
			.isEqualTo(recency(Recency.Occurrence.FIRST, Recency.Timing.WITHIN, 90, RuleDuration.Unit.DAYS));
		assertThat(parse("first(event \"A\") before 2w ago"))
			.isEqualTo(recency(Recency.Occurrence.FIRST, Recency.Timing.BEFORE_AGO, 2, RuleDuration.Unit.WEEKS));
		assertThat(parse("last(event \"A\") within 12h"))
			.isEqualTo(recency(Recency.Occurrence.LAST, Recency.Timing.WITHIN, 12, RuleDuration.Unit.HOURS));
		assertThat(parse("last(event \"A\") before 45m ago"))
			.isEqualTo(recency(Recency.Occurrence.LAST, Recency.Timing.BEFORE_AGO, 45, RuleDuration.Unit.MINUTES));
	}

	@Test
	void readsEveryPredicate() {
		TraitRef x = trait("x");
		assertThat(parse("traits.x = \"a\"")).isEqualTo(new Comparison(x, ComparisonOperator.EQ, text("a")));
		assertThat(parse("traits.x != 1")).isEqualTo(new Comparison(x, ComparisonOperator.NE, number("1")));
		assertThat(parse("traits.x < 2026-01-31")).isEqualTo(
				new Comparison(x, ComparisonOperator.LT, new Literal.Timestamp(Instant.parse("2026-01-31T00:00:00Z"))));
		assertThat(parse("traits.x <= -1.5")).isEqualTo(new Comparison(x, ComparisonOperator.LE, number("-1.5")));
		assertThat(parse("traits.x > +3")).isEqualTo(new Comparison(x, ComparisonOperator.GT, number("3")));
		assertThat(parse("traits.x >= true"))
			.isEqualTo(new Comparison(x, ComparisonOperator.GE, new Literal.Bool(true)));
		assertThat(parse("traits.x in []")).isEqualTo(new Condition.In(x, List.of()));
		assertThat(parse("traits.x not in [1, false]"))
			.isEqualTo(new Condition.NotIn(x, List.of(number("1"), new Literal.Bool(false))));
		assertThat(parse("traits.x contains \"vip\"")).isEqualTo(new Condition.Contains(x, text("vip")));
		assertThat(parse("traits.x not contains 7")).isEqualTo(new Condition.NotContains(x, number("7")));
		assertThat(parse("traits.x starts with \"+49\"")).isEqualTo(new Condition.StartsWith(x, text("+49")));
		assertThat(parse("traits.x between traits.y and traits.y * 2")).isEqualTo(new Condition.Between(x, trait("y"),
				new Arithmetic(trait("y"), ArithmeticOperator.TIMES, number("2"))));
		assertThat(parse("traits.x exists")).isEqualTo(new Condition.Exists(x));
		assertThat(parse("traits.x not exists")).isEqualTo(new Condition.NotExists(x));
		assertThat(parse("consent(PARTNER_SHARING)")).isEqualTo(new Condition.Consent(ConsentPurpose.PARTNER_SHARING));
		assertThat(parse("in segment \"vip \\\"gold\\\" \\\\ 1\""))
			.isEqualTo(new Condition.InSegment("vip \"gold\" \\ 1"));
	}

	@Test
	void keepsNotInAsOnePredicateDistinctFromNegatedIn() {
		assertThat(parse("traits.x not in [1]")).isEqualTo(new Condition.NotIn(trait("x"), List.of(number("1"))));
		assertThat(parse("not traits.x in [1]")).isEqualTo(new Not(new Condition.In(trait("x"), List.of(number("1")))));
	}

	@Test
	void bindsNotTighterThanAndAndAndTighterThanOr() {
		Condition a = new Condition.Exists(trait("a"));
		Condition b = new Condition.Exists(trait("b"));
		Condition c = new Condition.Exists(trait("c"));
		assertThat(parse("not traits.a exists and traits.b exists or traits.c exists"))
			.isEqualTo(new Or(List.of(new And(List.of(new Not(a), b)), c)));
		assertThat(parse("traits.a exists or traits.b exists and not not traits.c exists"))
			.isEqualTo(new Or(List.of(a, new And(List.of(b, new Not(new Not(c)))))));
		assertThat(parse("not (traits.a exists or traits.b exists) and traits.c exists"))
			.isEqualTo(new And(List.of(new Not(new Or(List.of(a, b))), c)));
		assertThat(parse("traits.a exists and traits.b exists and traits.c exists"))
			.isEqualTo(new And(List.of(a, b, c)));
		assertThat(parse("(traits.a exists and traits.b exists) and traits.c exists"))
			.isEqualTo(new And(List.of(new And(List.of(a, b)), c)));
	}

	@Test
	void bindsMultiplicationTighterThanAdditionAndAssociatesToTheLeft() {
		Value one = number("1");
		Value two = number("2");
		Value three = number("3");
		assertThat(((Comparison) parse("1 + 2 * 3 = 0")).left()).isEqualTo(
				new Arithmetic(one, ArithmeticOperator.PLUS, new Arithmetic(two, ArithmeticOperator.TIMES, three)));
		assertThat(((Comparison) parse("1 - 2 - 3 = 0")).left()).isEqualTo(
				new Arithmetic(new Arithmetic(one, ArithmeticOperator.MINUS, two), ArithmeticOperator.MINUS, three));
		assertThat(((Comparison) parse("1 - (2 - 3) = 0")).left()).isEqualTo(
				new Arithmetic(one, ArithmeticOperator.MINUS, new Arithmetic(two, ArithmeticOperator.MINUS, three)));
		assertThat(((Comparison) parse("1 - -2 = 0")).left())
			.isEqualTo(new Arithmetic(one, ArithmeticOperator.MINUS, number("-2")));
	}

	@Test
	void tellsAParenthesisedValueFromAParenthesisedCondition() {
		assertThat(parse("(traits.a + 1) * 2 > 3"))
			.isEqualTo(new Comparison(new Arithmetic(new Arithmetic(trait("a"), ArithmeticOperator.PLUS, number("1")),
					ArithmeticOperator.TIMES, number("2")), ComparisonOperator.GT, number("3")));
		assertThat(parse("((traits.a)) in [1]")).isEqualTo(new Condition.In(trait("a"), List.of(number("1"))));
		assertThat(parse("((traits.a = 1))")).isEqualTo(new Comparison(trait("a"), ComparisonOperator.EQ, number("1")));
	}

	@Test
	void ignoresCommentsBlankLinesAndIndentation() {
		Condition ast = parse("""
				-- buyers in DACH
				traits.geo.country in ["DE", "AT"]   -- by country

				\tand count(event "Order Completed" within 30d) > 3 -- recent buyers
				""");
		assertThat(ast).isEqualTo(parse(
				"traits.geo.country in [\"DE\", \"AT\"] and count(event \"Order Completed\"" + " within 30d) > 3"));
	}

	@Test
	void acceptsKeywordsAsTraitAndPropertyNames() {
		assertThat(parse("traits.and.count = 1"))
			.isEqualTo(new Comparison(trait("and", "count"), ComparisonOperator.EQ, number("1")));
		assertThat(parse("count(event any where properties.in exists) = 1")).isNotNull();
	}

	@Test
	void normalisesNumbersAndInstants() {
		assertThat(parse("traits.x = 1.500")).isEqualTo(parse("traits.x = 1.5"));
		assertThat(parse("traits.x = 2026-01-31T02:00:00+02:00")).isEqualTo(parse("traits.x = 2026-01-31"));
		Literal.Numeric hundred = (Literal.Numeric) ((Comparison) parse("traits.x = 100")).right();
		assertThat(hundred.value()).isEqualByComparingTo(new BigDecimal("100"));
	}

	@Test
	void recordsTheLineAndColumnOfEveryNode() {
		ParsedRule rule = RuleParser.parse("traits.a = 1\n  and count(event \"A\" within 30d) > 2").rule();
		And and = (And) rule.ast();
		Comparison first = (Comparison) and.operands().get(0);
		Comparison second = (Comparison) and.operands().get(1);
		Aggregate count = (Aggregate) second.left();
		assertThat(rule.positions().of(and)).isEqualTo(new Position(2, 3));
		assertThat(rule.positions().of(first)).isEqualTo(new Position(1, 10));
		assertThat(rule.positions().of(first.left())).isEqualTo(new Position(1, 1));
		assertThat(rule.positions().of(first.right())).isEqualTo(new Position(1, 12));
		assertThat(rule.positions().of(second)).isEqualTo(new Position(2, 35));
		assertThat(rule.positions().of(count)).isEqualTo(new Position(2, 7));
		assertThat(rule.positions().of(count.event())).isEqualTo(new Position(2, 13));
		assertThat(rule.positions().of(count.window())).isEqualTo(new Position(2, 23));
	}

	@Test
	void equalTreesWrittenDifferentlyKeepTheirOwnPositions() {
		ParsedRule one = RuleParser.parse("traits.a exists").rule();
		ParsedRule other = RuleParser.parse("\n\n   traits.a   exists").rule();
		assertThat(one.ast()).isEqualTo(other.ast());
		assertThat(one.positions().of(one.ast())).isEqualTo(new Position(1, 10));
		assertThat(other.positions().of(other.ast())).isEqualTo(new Position(3, 15));
	}

	static Condition parse(String text) {
		ParseResult result = RuleParser.parse(text);
		assertThat(result.errors()).as(text).isEmpty();
		return result.ast();
	}

	static TraitRef trait(String... path) {
		return new TraitRef(List.of(path));
	}

	static PropertyRef property(String... path) {
		return new PropertyRef(List.of(path));
	}

	static Literal.Text text(String value) {
		return new Literal.Text(value);
	}

	static Literal.Numeric number(String value) {
		return Literal.Numeric.of(value);
	}

	private static Recency recency(Recency.Occurrence occurrence, Recency.Timing timing, long amount,
			RuleDuration.Unit unit) {
		return new Recency(occurrence, new EventSelector("A", List.of()), timing, new RuleDuration(amount, unit));
	}

}
