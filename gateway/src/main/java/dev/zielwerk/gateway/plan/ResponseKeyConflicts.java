package dev.zielwerk.gateway.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zielwerk.gateway.operation.Field;
import dev.zielwerk.gateway.supergraph.Supergraph;
import graphql.schema.GraphQLCompositeType;
import org.jspecify.annotations.Nullable;

/**
 * Makes a finished subgraph selection valid in the subgraph's own schema. Fields of
 * sibling fragments that share a response key must have the same response shape there
 * (GraphQL's "fields in set can merge" rule), but a subgraph may declare {@code User.id}
 * as {@code ID!} and {@code Admin.id} as {@code ID} while the supergraph merges both to
 * {@code ID}: the client's query is valid, the subgraph query would not be. Every shape
 * after the first gets its own reserved alias, and a {@link KeyRename} tells the executor
 * to rename it back (as Apollo's planner does with its output rewrites). Nested
 * selections are checked together, as the validation rule merges them.
 */
final class ResponseKeyConflicts {

	private final Supergraph supergraph;

	private final String subgraph;

	private final List<KeyRename> renames = new ArrayList<>();

	private int aliases;

	private ResponseKeyConflicts(Supergraph supergraph, String subgraph) {
		this.supergraph = supergraph;
		this.subgraph = subgraph;
	}

	/**
	 * Aliases conflicting fields of a fetch group's selection in place.
	 * @param supergraph the supergraph
	 * @param group the group, planned completely
	 * @param rootType the operation's root type for root fetches, {@code null} for entity
	 * fetches (whose selection holds fragments on the entity types)
	 * @return the renames the executor applies to the subgraph's answer, empty when
	 * nothing conflicted
	 */
	static List<KeyRename> resolve(Supergraph supergraph, FetchGroup group, @Nullable String rootType) {
		ResponseKeyConflicts conflicts = new ResponseKeyConflicts(supergraph, group.subgraph);
		conflicts.level(List.of(new Scope(group.selection, rootType)), List.of());
		return List.copyOf(conflicts.renames);
	}

	private void level(List<Scope> scopes, List<String> path) {
		Map<String, List<Occurrence>> byKey = new LinkedHashMap<>();
		for (Scope scope : scopes) {
			collect(scope.selection(), scope.parentType(), byKey);
		}
		byKey.forEach((key, occurrences) -> {
			Map<String, List<Occurrence>> byShape = new LinkedHashMap<>();
			for (Occurrence occurrence : occurrences) {
				byShape.computeIfAbsent(occurrence.shape(), (s) -> new ArrayList<>()).add(occurrence);
			}
			boolean first = true;
			for (List<Occurrence> sameShape : byShape.values()) {
				if (!first) {
					String alias = "__zw_" + (this.aliases++) + "_" + key;
					sameShape.forEach((occurrence) -> occurrence.entry().alias(alias));
					this.renames.add(new KeyRename(path, alias, key));
				}
				first = false;
				List<Scope> nested = new ArrayList<>();
				for (Occurrence occurrence : sameShape) {
					SubgraphSelection children = occurrence.entry().children();
					if (children != null) {
						nested.add(new Scope(children, occurrence.childType()));
					}
				}
				if (!nested.isEmpty()) {
					List<String> deeper = new ArrayList<>(path);
					deeper.add(key);
					level(nested, List.copyOf(deeper));
				}
			}
		});
	}

	private void collect(SubgraphSelection selection, @Nullable String parentType,
			Map<String, List<Occurrence>> byKey) {
		selection.fields()
			.forEach((key, entry) -> byKey.computeIfAbsent(key, (k) -> new ArrayList<>())
				.add(occurrence(parentType, entry)));
		selection.fragments().forEach((type, fragment) -> collect(fragment, type, byKey));
	}

	private Occurrence occurrence(@Nullable String parentType, SubgraphSelection.Entry entry) {
		String type = Field.TYPENAME.equals(entry.name()) ? "String!"
				: (parentType != null) ? this.supergraph.fieldType(this.subgraph, parentType, entry.name()) : null;
		if (type == null) {
			// unknown here: never treated as conflicting with anything
			return new Occurrence(entry, "?" + entry.name(), null);
		}
		String named = type.replaceAll("[\\[\\]!]", "");
		boolean composite = this.supergraph.schema().getType(named) instanceof GraphQLCompositeType;
		// wrappers must match exactly; leaves must have the same type, composites merge
		// their selections
		String shape = type.replace(named, composite ? "{}" : named);
		return new Occurrence(entry, shape, named);
	}

	private record Scope(SubgraphSelection selection, @Nullable String parentType) {
	}

	private record Occurrence(SubgraphSelection.Entry entry, String shape, @Nullable String childType) {
	}

}
