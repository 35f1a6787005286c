package dev.zielwerk.segment.rule;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Garbage in, a clean result out: whatever the text, parsing returns either a valid rule
 * (which then round-trips) or errors with real positions, and never throws.
 */
class RuleFuzzTests {

	private static final String[] FRAGMENTS = { "traits", "properties", ".", "x", "count", "sum", "avg", "(", ")", "[",
			"]", ",", "event", "\"A\"", "any", "where", "within", "between", "and", "or", "not", "in", "segment",
			"contains", "starts", "with", "exists", "first", "last", "before", "ago", "consent", "EMAIL_MARKETING",
			"30d", "7", "-", "+", "*", "/", "=", "!=", "<", ">=", "2026-01-31", "2026-01-31T12:00:00Z", "true", "false",
			"--", "\n", " ", "\"", "\\", "1.5", "é", "😀", "\u0000", "99999999999999999999d" };

	@Test
	void randomTokenSoupNeverThrows() {
		Random random = new Random(42);
		for (int round = 0; round < 20_000; round++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(30);
			for (int i = 0; i < length; i++) {
				text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
				if (random.nextInt(3) > 0) {
					text.append(' ');
				}
			}
			checkClean(text.toString());
		}
	}

	@Test
	void randomCharactersNeverThrow() {
		Random random = new Random(7);
		for (int round = 0; round < 20_000; round++) {
			char[] chars = new char[random.nextInt(40)];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = (random.nextInt(4) == 0) ? (char) random.nextInt(0x3000) : (char) (32 + random.nextInt(95));
			}
			checkClean(new String(chars));
		}
	}

	@Test
	void mutatedValidRulesNeverThrow() {
		Random random = new Random(3);
		for (int round = 0; round < 5_000; round++) {
			StringBuilder text = new StringBuilder(RulePrinter.print(new RandomRules(random).condition(3)));
			int edits = 1 + random.nextInt(4);
			for (int i = 0; i < edits && !text.isEmpty(); i++) {
				int at = random.nextInt(text.length());
				switch (random.nextInt(3)) {
					case 0 -> text.deleteCharAt(at);
					case 1 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
					default -> text.setCharAt(at, (char) (32 + random.nextInt(95)));
				}
			}
			checkClean(text.toString());
		}
	}

	@Test
	void rejectsTheLongestGarbageQuicklyWithABoundedNumberOfErrors() {
		Random random = new Random(11);
		StringBuilder text = new StringBuilder();
		while (text.length() < RuleParser.MAX_LENGTH - 30) {
			text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(' ');
		}
		long started = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			checkClean(text.toString());
		}
		assertThat(RuleParser.parse(text.toString()).errors()).hasSizeBetween(1, 50);
		assertThat(System.nanoTime() - started).as("20 parses of 20,000 characters").isLessThan(5_000_000_000L);
	}

	@Test
	void parsesTheLongestValidRuleQuickly() {
		String text = "(traits.x = 1 or count(event \"A\" within 30d) > 2) and ".repeat(350) + "traits.y exists";
		assertThat(text.length()).isLessThan(RuleParser.MAX_LENGTH);
		long started = System.nanoTime();
		for (int i = 0; i < 20; i++) {
			assertThat(RuleParser.parse(text).isValid()).isTrue();
		}
		assertThat(System.nanoTime() - started).as("20 parses of a 19,000-character rule").isLessThan(5_000_000_000L);
	}

	private static void checkClean(String text) {
		ParseResult result = RuleParser.parse(text);
		if (result.isValid()) {
			assertThat(RuleParser.parse(RulePrinter.print(result.ast())).ast()).as(text).isEqualTo(result.ast());
			return;
		}
		assertThat(result.errors()).as(text).isNotEmpty().allSatisfy((error) -> {
			assertThat(error.line()).isBetween(1, text.split("\n", -1).length);
			assertThat(error.column()).isPositive();
			assertThat(error.message()).isNotBlank();
		});
	}

}
