package dev.zielwerk.segment.segments;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.zielwerk.segment.rule.RuleIndex;
import org.jspecify.annotations.Nullable;

/**
 * Every segment at one moment, in dependency order: a segment comes after the segments
 * its rule refers to, so evaluating in this order sees referenced memberships already
 * updated.
 */
public final class Definitions {

	private final List<Definition> ordered;

	private final Map<String, Definition> byKey;

	Definitions(List<Definition> definitions) {
		Map<String, Definition> keyed = new LinkedHashMap<>();
		definitions.forEach((definition) -> keyed.put(definition.key(), definition));
		List<Definition> order = new ArrayList<>();
		Set<String> visited = new HashSet<>();
		keyed.values().forEach((definition) -> visit(definition, keyed, visited, order));
		this.ordered = List.copyOf(order);
		this.byKey = keyed;
	}

	private static void visit(Definition definition, Map<String, Definition> keyed, Set<String> visited,
			List<Definition> order) {
		if (!visited.add(definition.key())) {
			return;
		}
		for (String reference : definition.index().segments()) {
			Definition referenced = keyed.get(reference);
			if (referenced != null) {
				visit(referenced, keyed, visited, order);
			}
		}
		order.add(definition);
	}

	/** Every segment, referenced ones first. */
	public List<Definition> ordered() {
		return this.ordered;
	}

	public @Nullable Definition get(String key) {
		return this.byKey.get(key);
	}

	/**
	 * The active segments a change can affect, in dependency order: those the selector
	 * picks, and every active segment referring to one of them, transitively.
	 * @param selector which rules the change touches directly
	 * @return the segments to re-evaluate
	 */
	public List<Definition> affected(Predicate<RuleIndex> selector) {
		return closure((definition) -> selector.test(definition.index()));
	}

	/**
	 * The active segments among these keys and every active segment referring to one of
	 * them, transitively, in dependency order.
	 * @param keys segment keys
	 * @return the segments to re-evaluate
	 */
	public List<Definition> withDependents(Set<String> keys) {
		return closure((definition) -> keys.contains(definition.key()));
	}

	private List<Definition> closure(Predicate<Definition> selector) {
		Set<String> picked = new HashSet<>();
		List<Definition> result = new ArrayList<>();
		for (Definition definition : this.ordered) {
			boolean direct = selector.test(definition);
			boolean cascaded = definition.index().segments().stream().anyMatch(picked::contains);
			if (definition.isActive() && (direct || cascaded)) {
				picked.add(definition.key());
				result.add(definition);
			}
		}
		return result;
	}

	/**
	 * The segments whose rules refer to a key, transitively, in dependency order.
	 * @param key a segment key
	 * @return the dependents, without the segment itself
	 */
	public List<Definition> dependentsOf(String key) {
		Set<String> reached = new HashSet<>(Set.of(key));
		List<Definition> result = new ArrayList<>();
		for (Definition definition : this.ordered) {
			if (definition.index().segments().stream().anyMatch(reached::contains)) {
				reached.add(definition.key());
				result.add(definition);
			}
		}
		return result;
	}

}
