package dev.zielwerk.gateway.limits;

import java.util.HashMap;
import java.util.Map;

import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a selection set as executed, fragments expanded: how deep its fields nest,
 * how many aliased fields it has and how many fields it has at its top level. Counts
 * saturate instead of overflowing, so fragments that double at every level (a billion
 * laughs of spreads) are measured in linear time and still rejected.
 *
 * @param depth the deepest field nesting ({@code { a { b } }} is 2)
 * @param aliases aliased fields, every spread counted where it is used
 * @param fields fields at the top level, through inline fragments and spreads
 */
record Shape(int depth, long aliases, long fields) {

	static final Shape EMPTY = new Shape(0, 0, 0);

	/**
	 * Measures every fragment of a document once, each after those it spreads.
	 * @param document the document
	 * @return the shape per fragment name
	 */
	static Map<String, Shape> fragments(Document document) {
		Map<String, Shape> shapes = new HashMap<>();
		for (FragmentDefinition fragment : FragmentOrder.of(document)) {
			shapes.put(fragment.getName(), of(fragment.getSelectionSet(), shapes));
		}
		return shapes;
	}

	static Shape of(@Nullable SelectionSet set, Map<String, Shape> fragments) {
		if (set == null) {
			return EMPTY;
		}
		int depth = 0;
		long aliases = 0;
		long fields = 0;
		for (Selection<?> selection : set.getSelections()) {
			Shape inner = switch (selection) {
				case Field field -> {
					Shape child = of(field.getSelectionSet(), fragments);
					yield new Shape(Counts.add(child.depth, 1),
							Counts.add(child.aliases, (field.getAlias() != null) ? 1 : 0), 1);
				}
				case InlineFragment inline -> of(inline.getSelectionSet(), fragments);
				// unknown spreads and spreads that close a cycle add nothing: validation
				// rejects them
				case FragmentSpread spread -> fragments.getOrDefault(spread.getName(), EMPTY);
				default -> EMPTY;
			};
			depth = Math.max(depth, inner.depth);
			aliases = Counts.add(aliases, inner.aliases);
			fields = Counts.add(fields, inner.fields);
		}
		return new Shape(depth, aliases, fields);
	}

}
