package dev.zielwerk.gateway.plan;

import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

import dev.zielwerk.gateway.operation.Field;
import dev.zielwerk.gateway.supergraph.Supergraph;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * Chooses where an entity jump goes when the current subgraph cannot resolve a field:
 * directly through a key the current subgraph provides, through an interface resolved as
 * {@code @interfaceObject}, or indirectly through a key other subgraphs must provide
 * first.
 */
final class Routes {

	private final Supergraph supergraph;

	/**
	 * Whether a fetch to a subgraph at a path exists already: joining it costs no extra
	 * request.
	 */
	private final BiPredicate<String, List<String>> fetchedAt;

	Routes(Supergraph supergraph, BiPredicate<String, List<String>> fetchedAt) {
		this.supergraph = supergraph;
		this.fetchedAt = fetchedAt;
	}

	/**
	 * A subgraph resolving the field whose key the current subgraph cannot provide, but
	 * other subgraphs can.
	 */
	@Nullable Route indirect(FetchGroup group, String typeName, Field field) {
		for (String candidate : this.supergraph.resolvingSubgraphs(typeName, field.name())) {
			if (candidate.equals(group.subgraph)) {
				continue;
			}
			for (String key : this.supergraph.keys(typeName, candidate)) {
				boolean fetchable = this.supergraph.fieldSet(key)
					.getSelections()
					.stream()
					.allMatch((s) -> s instanceof graphql.language.Field f
							&& !this.supergraph.resolvingSubgraphs(typeName, f.getName()).isEmpty());
				if (fetchable) {
					return new Route(candidate, key, typeName);
				}
			}
		}
		return null;
	}

	/**
	 * Finds a subgraph resolving {@code entityType.field} with a key the current group
	 * can provide, preferring one already fetched from at this path.
	 */
	@Nullable Route direct(FetchGroup group, String typeName, String entityType, Field field, List<String> path,
			@Nullable SelectionSet provided) {
		Route chosen = null;
		int chosenCoverage = -1;
		boolean chosenJoins = false;
		for (String candidate : this.supergraph.resolvingSubgraphs(entityType, field.name())) {
			if (candidate.equals(group.subgraph)) {
				continue;
			}
			for (String key : this.supergraph.keys(entityType, candidate)) {
				if (!reachable(group, typeName, this.supergraph.fieldSet(key), provided)) {
					continue;
				}
				int coverage = coverage(candidate, field);
				boolean joins = this.fetchedAt.test(candidate, path);
				if (chosen == null || coverage > chosenCoverage
						|| (coverage == chosenCoverage && joins && !chosenJoins)) {
					chosen = new Route(candidate, key, entityType);
					chosenCoverage = coverage;
					chosenJoins = joins;
				}
				break;
			}
		}
		return chosen;
	}

	/**
	 * The current subgraph entered again through one of its own keys, for a field it
	 * resolves only with its {@code @requires} fields in the representation.
	 */
	@Nullable Route self(FetchGroup group, String typeName, @Nullable SelectionSet provided) {
		for (String key : this.supergraph.keys(typeName, group.subgraph)) {
			if (reachable(group, typeName, this.supergraph.fieldSet(key), provided)) {
				return new Route(group.subgraph, key, typeName);
			}
		}
		return null;
	}

	/**
	 * How much of a field's selection a subgraph resolves itself: every field it resolves
	 * saves a later jump, so among subgraphs that can serve a shareable field the one
	 * covering most of its selection needs the fewest sequential fetches.
	 * @param subgraph the candidate
	 * @param field the field with its selection
	 * @return the number of nested fields the subgraph resolves without leaving it
	 */
	int coverage(String subgraph, Field field) {
		dev.zielwerk.gateway.operation.SelectionSet selectionSet = field.selectionSet();
		if (selectionSet == null) {
			return 0;
		}
		int covered = 0;
		for (Map.Entry<String, List<Field>> entry : selectionSet.byType().entrySet()) {
			for (Field nested : entry.getValue()) {
				if (!nested.isTypename() && this.supergraph.resolves(subgraph, entry.getKey(), nested.name())) {
					covered += 1 + coverage(subgraph, nested);
				}
			}
		}
		return covered;
	}

	/**
	 * A field no subgraph resolves on the object type itself may come from an interface
	 * the type implements, through a subgraph that resolves that interface as an
	 * {@code @interfaceObject}.
	 */
	@Nullable Route viaInterfaceObject(FetchGroup group, String typeName, Field field, List<String> path,
			@Nullable SelectionSet provided) {
		if (!(this.supergraph.schema().getType(typeName) instanceof GraphQLObjectType object)) {
			return null;
		}
		for (GraphQLNamedOutputType implemented : object.getInterfaces()) {
			Route route = direct(group, typeName, implemented.getName(), field, path, provided);
			if (route != null && this.supergraph.isInterfaceObject(implemented.getName(), route.subgraph())) {
				return route;
			}
		}
		return null;
	}

	/**
	 * Where a jump goes: the subgraph, the key it is entered with and the type name its
	 * representations carry.
	 */
	record Route(String subgraph, String key, String entityType) {
	}

	/**
	 * Whether the current subgraph can provide a key's fields itself (or through
	 * {@code @provides}), nested selections included: a key {@code products { id pid }}
	 * needs {@code pid} from the current subgraph too, else it has to be gathered first.
	 */
	boolean reachable(FetchGroup group, String typeName, SelectionSet key, @Nullable SelectionSet provided) {
		return reachable(group.subgraph, typeName, key, provided);
	}

	private boolean reachable(String subgraph, String typeName, SelectionSet key, @Nullable SelectionSet provided) {
		for (Selection<?> selection : key.getSelections()) {
			if (selection instanceof graphql.language.Field field) {
				boolean local = this.supergraph.resolves(subgraph, typeName, field.getName());
				graphql.language.Field providedField = find(provided, field.getName());
				if (!local && providedField == null) {
					return false;
				}
				if (field.getSelectionSet() != null
						&& this.supergraph.schema().getType(typeName) instanceof GraphQLFieldsContainer container
						&& container.getFieldDefinition(field.getName()) != null) {
					String nested = GraphQLTypeUtil.unwrapAll(container.getFieldDefinition(field.getName()).getType())
						.getName();
					SelectionSet nestedProvided = local ? null : providedField.getSelectionSet();
					if (!reachable(subgraph, nested, field.getSelectionSet(), nestedProvided)) {
						return false;
					}
				}
			}
			else if (selection instanceof InlineFragment fragment && fragment.getTypeCondition() != null
					&& !reachable(subgraph, fragment.getTypeCondition().getName(), fragment.getSelectionSet(),
							provided)) {
				return false;
			}
		}
		return true;
	}

	static graphql.language.@Nullable Field find(@Nullable SelectionSet set, String name) {
		if (set == null) {
			return null;
		}
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof graphql.language.Field field && field.getName().equals(name)) {
				return field;
			}
		}
		return null;
	}

}
