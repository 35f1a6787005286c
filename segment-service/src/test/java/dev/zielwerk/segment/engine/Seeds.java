package dev.zielwerk.segment.engine;

import java.util.Random;

/**
 * Seeds of the randomized agreement tests. The gate runs a fixed seed so that it is
 * repeatable; {@code -Dzielwerk.test.seed=random} explores new histories and
 * {@code -Dzielwerk.test.seed=<n>} replays the seed a failure printed.
 */
final class Seeds {

	private Seeds() {
	}

	static long seed(long fixed) {
		String chosen = System.getProperty("zielwerk.test.seed");
		if (chosen == null || chosen.isBlank()) {
			return fixed;
		}
		return "random".equals(chosen) ? new Random().nextLong() : Long.parseLong(chosen);
	}

}
