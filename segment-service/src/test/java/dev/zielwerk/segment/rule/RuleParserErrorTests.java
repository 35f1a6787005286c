package dev.zielwerk.segment.rule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RuleParserErrorTests {

	@Test
	void reportsAMissingDurationUnitLikeTheSpecification() {
		ParseResult result = RuleParser.parse("count(event \"Order Completed\" within 30d) > 3\n"
				+ "  and count(event \"Order Completed\" within 30) > 2");
		assertThat(result.isValid()).isFalse();
		assertThat(result.errors()).containsExactly(
				new RuleError(2, 44, "30", "expected a duration such as 30d after \"within\", found \"30\""));
		assertThat(result.errors().get(0))
			.hasToString("2:44: expected a duration such as 30d after \"within\", found \"30\"");
	}

	@Test
	void reportsEveryIndependentErrorInOnePass() {
		ParseResult result = RuleParser
			.parse("traits.x = 1 and traits.y == 2\nand consent(EMAIL_MARKETNG)\nor last(event any) within 7");
		assertThat(result.describeErrors()).isEqualTo("""
				1:27: unexpected "==": compare with a single "="
				2:13: unknown consent purpose "EMAIL_MARKETNG" (did you mean "EMAIL_MARKETING"?)
				3:27: expected a duration such as 30d after "within", found "7\"""");
		assertThat(result.errors()).extracting(RuleError::found).containsExactly("==", "EMAIL_MARKETNG", "7");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					''                                        | 1:1: expected a condition, found end of rule
					not                                       | 1:4: expected a condition after "not", found end of rule
					traits.x = 1 and                          | 1:17: expected a condition after "and", found end of rule
					traits.x = 1 and and traits.y = 2         | 1:18: expected a condition after "and", found "and"
					Traits.x = 1                              | 1:1: expected a condition, found "Traits" (keywords are lower case)
					traits.x AND traits.y exists              | 1:10: expected a comparison (=, !=, <, <=, >, >=, in, not in, contains, starts with, between, exists) after traits.x, found "AND" (keywords are lower case)
					traits.x = 1 traits.y = 2                 | 1:14: expected "and", "or" or the end of the rule after "1", found "traits"
					traits.x = 1)                             | 1:13: expected "and", "or" or the end of the rule after "1", found ")"
					traits. = 1                               | 1:9: expected a name (letters, digits, _) after ".", found "="
					traits.x starts "a"                       | 1:17: expected "with" after "starts", found "a"
					in "churned"                              | 1:4: expected "segment" after "in", found "churned"
					consent EMAIL_MARKETING                   | 1:9: expected "(" after "consent", found "EMAIL_MARKETING"
					consent(EMAIL)                            | 1:9: unknown consent purpose "EMAIL" (one of ANALYTICS, PERSONALIZATION, EMAIL_MARKETING, ADVERTISING, PARTNER_SHARING)
					count(event Order) > 1                    | 1:13: expected an event name in quotes or "any" after "event", found "Order"
					sum(properties.revenue event "A") > 1     | 1:24: expected "," between the property and the event after "revenue", found "event"
					count(event "A" where properties.x) > 1   | 1:35: expected a comparison (=, !=, <, <=, >, >=, in, not in, exists) after properties.x, found ")"
					last(event any) before 7d                 | 1:26: expected "ago" after "7d", found end of rule
					last(event any) since 7d                  | 1:17: expected "within" or "before" after ")", found "since"
					traits.country in ["DE", "AT"             | 1:30: expected "," or "]" to close the "[" at 1:19, found end of rule
					(traits.a = 1 or traits.b = 2             | 1:30: expected ")" to close the "(" at 1:1, found end of rule
					traits.x = (1 + 2                         | 1:18: expected ")" to close the "(" at 1:12, found end of rule
					traits.x = 30days                         | 1:12: invalid duration "30days": write a whole number and m, h, d or w, as in 30d
					traits.x = 2026-13-01                     | 1:12: invalid date "2026-13-01": write 2026-01-31 or 2026-01-31T12:00:00Z
					traits.x = 2026-01-01T10:00:00            | 1:12: an instant needs a time zone, as in 2026-01-31T12:00:00Z
					traits.x = 1 # comment                    | 1:14: unexpected character "#"
					traits.x ! = 1                            | 1:10: unexpected "!" (did you mean "!=" or "not"?)
					count(event "A" within 99999999d) > 1     | 1:24: the duration 99999999d is too long (at most 1000000 units)
					count(event "A" between 2026-01-01 2026-02-01) > 1 | 1:36: expected "and" after "2026-01-01", found "2026-02-01"
					traits.x = - "a"                          | 1:14: expected a number after "-", found "a"
					""")
	void reportsWhereAndWhatWasExpected(String text, String error) {
		assertThat(RuleParser.parse(text).describeErrors()).isEqualTo(error);
	}

	@Test
	void reportsStringsThatAreNotClosedOnTheirLine() {
		ParseResult result = RuleParser.parse("traits.x = \"abc\nand traits.y = 1");
		assertThat(result.errors()).first()
			.isEqualTo(
					new RuleError(1, 12, "\"abc", "unterminated string: a string must end with \" on the same line"));
	}

	@Test
	void reportsUnknownEscapesInStrings() {
		assertThat(RuleParser.parse("traits.x = \"a\\nb\"").describeErrors())
			.isEqualTo("1:14: unknown escape in a string: only \\\" and \\\\ are allowed");
	}

	@Test
	void rejectsNestingDeeperThanTheLimitWithoutOverflowingTheStack() {
		String deep = "(".repeat(10_000) + "traits.x = 1" + ")".repeat(10_000);
		ParseResult result = RuleParser.parse(deep.substring(0, Math.min(deep.length(), RuleParser.MAX_LENGTH)));
		assertThat(result.isValid()).isFalse();
		assertThat(result.errors()).first()
			.extracting(RuleError::message)
			.isEqualTo("the rule is nested too deeply (at most 64 levels)");
		String nots = "not ".repeat(4_000) + "traits.x exists";
		assertThat(RuleParser.parse(nots).errors()).extracting(RuleError::message)
			.contains("the rule is nested too deeply (at most 64 levels)");
		String sum = "traits.x" + " + 1".repeat(4_000) + " > 1";
		assertThat(RuleParser.parse(sum).errors()).extracting(RuleError::message)
			.contains("the rule is nested too deeply (at most 64 levels)");
	}

	@Test
	void acceptsNestingUpToTheLimit() {
		String text = "(".repeat(60) + "traits.x = 1" + ")".repeat(60);
		assertThat(RuleParser.parse(text).isValid()).isTrue();
	}

	@Test
	void rejectsOverlongRulesAtOnce() {
		String text = "traits.x = 1 or ".repeat(2_000) + "traits.x = 2";
		assertThat(RuleParser.parse(text).describeErrors())
			.isEqualTo("1:1: the rule is too long: " + text.length() + " characters, at most 20000");
	}

	@Test
	void refusesTheTreeOfAnInvalidRule() {
		ParseResult result = RuleParser.parse("traits.x =");
		assertThatIllegalStateException().isThrownBy(result::ast).withMessageContaining("1:11: expected a value");
	}

}
