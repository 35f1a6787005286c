package dev.zielwerk.segment.evaluation;

import java.util.List;
import java.util.Random;

import dev.zielwerk.segment.rule.RulePrinter;

/**
 * Random valid rules (of {@link RandomRules}) as text, for tests in other packages. They
 * may refer to segments {@code vip} and {@code churned}.
 */
public final class RandomSegmentRules {

	/** The event names the rules count. */
	public static final List<String> EVENT_NAMES = RandomRules.EVENT_NAMES;

	/** The segments the rules may refer to. */
	public static final List<String> REFERENCED_SEGMENTS = RandomProfiles.SEGMENTS;

	private RandomSegmentRules() {
	}

	/**
	 * A random rule the validator accepts.
	 * @param random the source of randomness
	 * @return the rule in canonical text
	 */
	public static String rule(Random random) {
		return RulePrinter.print(new RandomRules(random).valid(2));
	}

}
