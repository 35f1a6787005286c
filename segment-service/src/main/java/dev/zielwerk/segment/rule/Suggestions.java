package dev.zielwerk.segment.rule;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

/** "Did you mean" by Levenshtein distance. */
final class Suggestions {

	private Suggestions() {
	}

	/**
	 * The candidate closest to a misspelt word, if close enough to be a likely typo: at
	 * most a third of the word's length away (at least 1, at most 3 edits), ties broken
	 * alphabetically.
	 */
	static @Nullable String closest(String word, Collection<String> candidates) {
		int limit = Math.max(1, Math.min(3, word.length() / 3));
		String best = null;
		int bestDistance = Integer.MAX_VALUE;
		for (String candidate : candidates) {
			int distance = distance(word, candidate);
			boolean better = distance < bestDistance
					|| (distance == bestDistance && best != null && candidate.compareTo(best) < 0);
			if (distance <= limit && better) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
