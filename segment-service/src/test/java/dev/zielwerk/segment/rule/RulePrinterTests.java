package dev.zielwerk.segment.rule;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.zielwerk.segment.rule.Condition.And;
import dev.zielwerk.segment.rule.Condition.Comparison;
import dev.zielwerk.segment.rule.Condition.Or;
import dev.zielwerk.segment.rule.Value.Arithmetic;

import static dev.zielwerk.segment.rule.RuleParserTests.number;
import static dev.zielwerk.segment.rule.RuleParserTests.trait;
import static org.assertj.core.api.Assertions.assertThat;

class RulePrinterTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					traits.geo.country   in ["DE","AT"]  -- dach | traits.geo.country in ["DE", "AT"]
					((traits.a = 1)) and (traits.b = 2)         | traits.a = 1 and traits.b = 2
					traits.a = 1 or (traits.b = 2 and traits.c = 3) | traits.a = 1 or traits.b = 2 and traits.c = 3
					(traits.a = 1 or traits.b = 2) and traits.c = 3 | (traits.a = 1 or traits.b = 2) and traits.c = 3
					not (not (traits.a exists))                 | not not traits.a exists
					not (traits.a exists and traits.b exists)   | not (traits.a exists and traits.b exists)
					traits.x = 001.2500                         | traits.x = 1.25
					traits.x = -0.0                             | traits.x = 0
							traits.x = 2026-01-31T00:00:00Z             | traits.x = 2026-01-31
					traits.x = 2026-01-31T12:00+01:00           | traits.x = 2026-01-31T11:00:00Z
					traits.x = 2026-01-31T12:00:00.250Z         | traits.x = 2026-01-31T12:00:00.250Z
					(1 + 2) * (3 - 4) / 5 = traits.x            | (1 + 2) * (3 - 4) / 5 = traits.x
					1 + (2 + 3) - (4 - 5) = 0                   | 1 + (2 + 3) - (4 - 5) = 0
					(1 * 2) + 3 / (4 * 5) = 0                   | 1 * 2 + 3 / (4 * 5) = 0
					traits.x = 1 - -2                           | traits.x = 1 - -2
					traits.x = +3                               | traits.x = 3
					last(event   any)   before 7d ago           | last(event any) before 7d ago
					count(event "A" where properties.p not in [1,2] and properties.q exists between 2026-01-01 and 2026-02-01) = 0 | count(event "A" where properties.p not in [1, 2] and properties.q exists between 2026-01-01 and 2026-02-01) = 0
					in segment "say \\"hi\\" \\\\"              | in segment "say \\"hi\\" \\\\"
					""")
	void printsCanonicalText(String text, String canonical) {
		ParseResult result = RuleParser.parse(text);
		assertThat(RulePrinter.print(result.ast())).isEqualTo(canonical);
		assertThat(RuleParser.parse(canonical).ast()).isEqualTo(result.ast());
	}

	@Test
	void parenthesisesNestedJunctionsThatTheTreeHolds() {
		Condition a = new Condition.Exists(trait("a"));
		Condition b = new Condition.Exists(trait("b"));
		Condition c = new Condition.Exists(trait("c"));
		Condition nested = new And(List.of(new And(List.of(a, b)), c));
		assertThat(RulePrinter.print(nested)).isEqualTo("(traits.a exists and traits.b exists) and traits.c exists");
		Condition ors = new Or(List.of(a, new Or(List.of(b, c))));
		assertThat(RulePrinter.print(ors)).isEqualTo("traits.a exists or (traits.b exists or traits.c exists)");
		assertThat(RuleParser.parse(RulePrinter.print(nested)).ast()).isEqualTo(nested);
		assertThat(RuleParser.parse(RulePrinter.print(ors)).ast()).isEqualTo(ors);
	}

	@Test
	void printsAValueThatStartsWithAParenthesisSoThatItStillReadsAsAValue() {
		Condition comparison = new Comparison(
				new Arithmetic(new Arithmetic(trait("a"), ArithmeticOperator.MINUS, number("1")),
						ArithmeticOperator.DIVIDE, trait("b")),
				ComparisonOperator.GE, new Literal.Numeric(new BigDecimal("-0.50")));
		String printed = RulePrinter.print(comparison);
		assertThat(printed).isEqualTo("(traits.a - 1) / traits.b >= -0.5");
		assertThat(RuleParser.parse(printed).ast()).isEqualTo(comparison);
	}

	@Test
	void printsTheLenientAggregateFormsTheValidatorRejects() {
		Value sum = new Value.Aggregate(AggregateFunction.SUM, null, new EventSelector(null, List.of()),
				new Window.AllTime());
		Value count = new Value.Aggregate(AggregateFunction.COUNT, new PropertyRef(List.of("x")),
				new EventSelector("A", List.of()),
				new Window.Between(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T06:00:00Z")));
		assertThat(RulePrinter.print(sum)).isEqualTo("sum(event any)");
		assertThat(RulePrinter.print(count))
			.isEqualTo("count(properties.x, event \"A\" between 2026-01-01 and 2026-01-01T06:00:00Z)");
	}

	@Test
	void printsEveryKindOfNode() {
		assertThat(RulePrinter.print(new PropertyRef(List.of("a", "b")))).isEqualTo("properties.a.b");
		assertThat(RulePrinter.print(new Window.Within(new RuleDuration(12, RuleDuration.Unit.HOURS))))
			.isEqualTo("within 12h");
		assertThat(RulePrinter.print(new PropertyFilter.Exists(new PropertyRef(List.of("a")))))
			.isEqualTo("properties.a exists");
		assertThat(RulePrinter.print(new EventSelector("A", List.of()))).isEqualTo("event \"A\"");
	}

}
