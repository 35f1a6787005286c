package dev.zielwerk.gateway.limits;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import org.jspecify.annotations.Nullable;

/**
 * The fragments of a document, each after the fragments it spreads, so measures can be
 * computed once per fragment and reused at every spread. The walk over the fragment graph
 * keeps its own stack: a chain of thousands of fragments costs no call stack, and a
 * spread that closes a cycle is left out instead of looping (validation reports the
 * cycle).
 */
final class FragmentOrder {

	private FragmentOrder() {
	}

	static List<FragmentDefinition> of(Document document) {
		Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
		for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
			fragments.putIfAbsent(fragment.getName(), fragment);
		}
		List<FragmentDefinition> order = new ArrayList<>(fragments.size());
		Map<String, Boolean> done = new HashMap<>();
		Deque<Map.Entry<FragmentDefinition, Iterator<String>>> stack = new ArrayDeque<>();
		for (FragmentDefinition root : fragments.values()) {
			if (done.containsKey(root.getName())) {
				continue;
			}
			done.put(root.getName(), false);
			stack.push(Map.entry(root, spreads(root.getSelectionSet()).iterator()));
			while (!stack.isEmpty()) {
				Map.Entry<FragmentDefinition, Iterator<String>> top = stack.peek();
				if (top.getValue().hasNext()) {
					FragmentDefinition next = fragments.get(top.getValue().next());
					if (next != null && !done.containsKey(next.getName())) {
						done.put(next.getName(), false);
						stack.push(Map.entry(next, spreads(next.getSelectionSet()).iterator()));
					}
				}
				else {
					stack.pop();
					done.put(top.getKey().getName(), true);
					order.add(top.getKey());
				}
			}
		}
		return order;
	}

	private static Set<String> spreads(SelectionSet set) {
		Set<String> names = new LinkedHashSet<>();
		collect(set, names);
		return names;
	}

	private static void collect(@Nullable SelectionSet set, Set<String> names) {
		if (set == null) {
			return;
		}
		for (Selection<?> selection : set.getSelections()) {
			switch (selection) {
				case Field field -> collect(field.getSelectionSet(), names);
				case InlineFragment inline -> collect(inline.getSelectionSet(), names);
				case FragmentSpread spread -> names.add(spread.getName());
				default -> {
				}
			}
		}
	}

}
