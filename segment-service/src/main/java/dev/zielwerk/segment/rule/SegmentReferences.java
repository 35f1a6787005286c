package dev.zielwerk.segment.rule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Resolves {@code in segment} references: unknown keys (with a suggestion) and cycles.
 */
final class SegmentReferences {

	private final SegmentCatalog catalog;

	private final Positions positions;

	SegmentReferences(SegmentCatalog catalog, Positions positions) {
		this.catalog = catalog;
		this.positions = positions;
	}

	List<RuleError> check(Condition rule, @Nullable String segmentKey) {
		List<Condition.InSegment> references = new ArrayList<>();
		collect(rule, references);
		List<RuleError> errors = new ArrayList<>();
		for (Condition.InSegment reference : references) {
			String key = reference.segmentKey();
			if (key.equals(segmentKey)) {
				errors.add(error(reference, "segment \"" + key + "\" cannot refer to itself"));
			}
			else if (!this.catalog.exists(key)) {
				String suggestion = Suggestions.closest(key, this.catalog.keys());
				errors.add(error(reference, "unknown segment " + RulePrinter.quote(key)
						+ ((suggestion != null) ? " (did you mean " + RulePrinter.quote(suggestion) + "?)" : "")));
			}
			else if (segmentKey != null) {
				List<String> cycle = pathBack(key, segmentKey);
				if (cycle != null) {
					errors.add(error(reference, "in segment " + RulePrinter.quote(key) + " makes a cycle: " + segmentKey
							+ " → " + String.join(" → ", cycle)));
				}
			}
		}
		return errors;
	}

	/**
	 * The shortest chain of stored references from {@code start} back to the rule's own
	 * segment.
	 */
	private @Nullable List<String> pathBack(String start, String target) {
		Map<String, String> cameFrom = new HashMap<>();
		Deque<String> queue = new ArrayDeque<>();
		queue.add(start);
		cameFrom.put(start, start);
		while (!queue.isEmpty()) {
			String key = queue.poll();
			Set<String> next = this.catalog.references(key);
			if (next.contains(target)) {
				List<String> path = new ArrayList<>(List.of(target));
				for (String at = key; !at.equals(start); at = cameFrom.get(at)) {
					path.add(0, at);
				}
				path.add(0, start);
				return path;
			}
			for (String candidate : next) {
				if (cameFrom.putIfAbsent(candidate, key) == null) {
					queue.add(candidate);
				}
			}
		}
		return null;
	}

	private RuleError error(Condition.InSegment reference, String message) {
		return RuleError.at(this.positions.orStart(reference), RulePrinter.print(reference), message);
	}

	private static void collect(Condition condition, List<Condition.InSegment> into) {
		switch (condition) {
			case Condition.Or or -> or.operands().forEach((operand) -> collect(operand, into));
			case Condition.And and -> and.operands().forEach((operand) -> collect(operand, into));
			case Condition.Not not -> collect(not.operand(), into);
			case Condition.InSegment in -> into.add(in);
			default -> {
				// predicates, consent and recency hold no segment references
			}
		}
	}

}
