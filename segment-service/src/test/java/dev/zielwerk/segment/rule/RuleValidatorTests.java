package dev.zielwerk.segment.rule;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RuleValidatorTests {

	/** vip → loyal → big → newbie; churned stands alone. */
	private static final Map<String, Set<String>> SEGMENTS = Map.of("churned", Set.of(), "vip", Set.of("loyal"),
			"loyal", Set.of("big"), "big", Set.of("newbie"), "newbie", Set.of());

	private final RuleValidator validator = new RuleValidator(catalog(SEGMENTS));

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					2026-01-31 = "x"                                    | 1:12: cannot compare a date with a string
					traits.signup > 2026-01-31 and traits.vip < true    | 1:43: booleans can only be compared with = or !=, not <
					traits.age between 25 and "40"                      | 1:12: cannot compare a number with a string
					traits.age between true and false                   | 1:12: "between" needs ordered values, not booleans
					traits.age between 40 and 25                        | 1:12: the lower bound 40 is greater than the upper bound 25
					traits.d between 2026-02-01 and 2026-01-01          | 1:10: the lower bound 2026-02-01 is after the upper bound 2026-01-01
					count(event "A") starts with "1"                    | 1:18: "starts with" needs a string, found a number
					3.5 starts with "3"                                 | 1:5: "starts with" needs a string, found a number
					traits.x in [1, "a"]                                | 1:17: a list holds one type: found a string after a number
					3 not in ["a"]                                      | 1:11: cannot compare a number with a string
					"abc" contains 1                                    | 1:7: cannot look for a number in a string
					5 not contains 1                                    | 1:3: "contains" needs a string or a list, found a number
					traits.x + "a" > 1                                  | 1:10: "+" needs numbers, found a string
					count(event "A") / true > 1                         | 1:18: "/" needs numbers, found a boolean
					count(event "A") = 2026-01-01                       | 1:18: cannot compare a number with a date
					count(event "A" where properties.ok > true) = 1     | 1:37: booleans can only be compared with = or !=, not >
					count(event "A" where properties.c in [1, "x"]) = 1 | 1:43: a list holds one type: found a string after a number
					count(event "") > 0                                 | 1:7: an event name cannot be empty
					last(event any) within 0m                           | 1:1: a duration must be at least 1: found 0m
					count(event "A" within 0d) > 1                      | 1:17: a duration must be at least 1: found 0d
					count(event "A" between 2026-02-01 and 2026-01-01) = 0 | 1:17: the window must start before it ends
					sum(event "A") > 1                                  | 1:1: sum needs a property, as in sum(properties.revenue, event ...)
					avg(event any) > 1                                  | 1:1: avg needs a property, as in avg(properties.revenue, event ...)
					count(properties.x, event "A") > 1                  | 1:1: count takes no property: write count(event ...)
					in segment "chrned"                                 | 1:1: unknown segment "chrned" (did you mean "churned"?)
					in segment "segment-that-is-nowhere"                | 1:1: unknown segment "segment-that-is-nowhere"
					""")
	void reportsTypeAndReferenceErrorsWithTheirPosition(String text, String error) {
		assertThat(this.validator.check(text, null).describeErrors()).isEqualTo(error);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			traits.geo.country in ["DE", "AT", "CH"] and traits.demographic.age between 25 and 40
			count(event "Order Completed" within 30d) > 3 and last(event any) before 7d ago
			sum(properties.revenue, event "Order Completed" within 365d) >= 1000 and consent(EMAIL_MARKETING)
			traits.firmographic.employees >= 250 and not in segment "churned"
			traits.signup < 2026-01-31 and traits.vip = true and traits.name starts with "A"
			traits.tags contains "x" and traits.name contains "y" and "abc" contains "b"
			min(properties.price, event any) between 1 and 2.5 and max(properties.price, event any) exists
			traits.a + 1 > traits.b * 2 and traits.x not in [] and traits.d between 2026-01-01 and traits.e
			""")
	void acceptsWellTypedRules(String text) {
		assertThat(this.validator.check(text, "newbie").errors()).isEmpty();
	}

	@Test
	void reportsEveryProblemSortedByPosition() {
		ParseResult result = this.validator
			.check("sum(event \"A\") > \"x\"\n and in segment \"chrned\" and traits.vip < true", null);
		assertThat(result.describeErrors()).isEqualTo("""
				1:1: sum needs a property, as in sum(properties.revenue, event ...)
				1:16: cannot compare a number with a string
				2:6: unknown segment "chrned" (did you mean "churned"?)
				2:41: booleans can only be compared with = or !=, not <""");
		assertThat(result.errors()).extracting(RuleError::found)
			.containsExactly("sum(event \"A\")", "sum(event \"A\") > \"x\"", "in segment \"chrned\"",
					"traits.vip < true");
	}

	@Test
	void detectsAReferenceCycleThroughOtherSegments() {
		assertThat(this.validator.check("traits.x = 1 and in segment \"vip\"", "big").describeErrors())
			.isEqualTo("1:18: in segment \"vip\" makes a cycle: big → vip → loyal → big");
		assertThat(this.validator.check("in segment \"loyal\" or in segment \"newbie\"", "big").describeErrors())
			.isEqualTo("1:1: in segment \"loyal\" makes a cycle: big → loyal → big");
	}

	@Test
	void acceptsReferencesThatDoNotLeadBack() {
		assertThat(this.validator.check("in segment \"newbie\" and in segment \"churned\"", "big").isValid()).isTrue();
		assertThat(this.validator.check("in segment \"vip\"", "churned").isValid()).isTrue();
		assertThat(this.validator.check("in segment \"vip\"", null).isValid()).isTrue();
	}

	@Test
	void rejectsASegmentReferringToItself() {
		assertThat(this.validator.check("not in segment \"brand-new\"", "brand-new").describeErrors())
			.isEqualTo("1:5: segment \"brand-new\" cannot refer to itself");
	}

	@Test
	void usesTheNewRuleNotTheStoredOneForTheSegmentBeingChanged() {
		// stored: big refers to newbie; the new rule for newbie refers to big: newbie →
		// big → newbie
		assertThat(this.validator.check("in segment \"big\"", "newbie").describeErrors())
			.isEqualTo("1:1: in segment \"big\" makes a cycle: newbie → big → newbie");
	}

	@Test
	void returnsSyntaxErrorsBeforeValidating() {
		ParseResult result = this.validator.check("in segment \"chrned\" and traits.x =", null);
		assertThat(result.describeErrors()).isEqualTo(
				"1:35: expected a value (a trait such as traits.age, an aggregate such as count(...), or a string, "
						+ "number, date, true or false) after \"=\", found end of rule");
	}

	@Test
	void validatesTreesBuiltInCodeAtTheStartOfTheRule() {
		Condition ast = RuleParser.parse("traits.x < true").ast();
		assertThat(this.validator.validate(ParsedRule.of(ast), null)).containsExactly(
				new RuleError(1, 1, "traits.x < true", "booleans can only be compared with = or !=, not <"));
	}

	static SegmentCatalog catalog(Map<String, Set<String>> segments) {
		return new SegmentCatalog() {

			@Override
			public boolean exists(String key) {
				return segments.containsKey(key);
			}

			@Override
			public Set<String> references(String key) {
				return segments.getOrDefault(key, Set.of());
			}

			@Override
			public Set<String> keys() {
				return segments.keySet();
			}

		};
	}

}
