package dev.zielwerk.segment.rule;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property: for every tree, printing then parsing gives an equal tree, and printing is
 * stable. Seeded, so a failure names the case that reproduces it.
 */
class RuleRoundTripPropertyTests {

	private static final int CASES = 5_000;

	@Test
	void parsingThePrintedTreeGivesTheSameTreeForThousandsOfRandomRules() {
		for (int seed = 0; seed < CASES; seed++) {
			Condition ast = new RandomRules(new Random(seed)).condition(4);
			String printed = RulePrinter.print(ast);
			ParseResult parsed = RuleParser.parse(printed);
			if (!parsed.isValid()) {
				fail("seed " + seed + ": printed rule does not parse:\n" + printed + "\n" + parsed.describeErrors());
			}
			assertThat(parsed.ast()).as("seed %d: %s", seed, printed).isEqualTo(ast);
			assertThat(RulePrinter.print(parsed.ast())).as("seed %d", seed).isEqualTo(printed);
		}
	}

	@Test
	void everyNodeOfAParsedRandomRuleHasAPosition() {
		for (int seed = 0; seed < 500; seed++) {
			Condition ast = new RandomRules(new Random(seed)).condition(3);
			ParsedRule rule = RuleParser.parse(RulePrinter.print(ast)).rule();
			for (Node node : NodeWalk.nodes(rule.ast()).toList()) {
				assertThat(rule.positions().of(node)).as("seed %d: %s", seed, node).isNotNull();
			}
		}
	}

	@Test
	void printedRulesAreOneLine() {
		for (int seed = 0; seed < 500; seed++) {
			String printed = RulePrinter.print(new RandomRules(new Random(seed)).condition(4));
			assertThat(printed).doesNotContain("\n").doesNotStartWith(" ").doesNotEndWith(" ");
		}
	}

}
