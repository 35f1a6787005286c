package dev.zielwerk.gateway.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zielwerk.gateway.operation.Field;
import dev.zielwerk.gateway.operation.Operation;
import dev.zielwerk.gateway.operation.OperationNormalizer;
import dev.zielwerk.gateway.supergraph.Supergraph;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import org.jspecify.annotations.Nullable;

/**
 * Builds the fetch groups of one operation. Fields stay in the subgraph that fetched
 * their parent whenever it can resolve them (directly or through {@code @provides});
 * otherwise the planner jumps to another subgraph through an entity key reachable from
 * the current one, fetching {@code @requires} fields first. Groups are shared per
 * subgraph and path, so one fetch step sends all its representations in one request.
 */
final class PlanBuilder {

	private final Supergraph supergraph;

	private final Operation operation;

	final List<FetchGroup> groups = new ArrayList<>();

	final List<FetchGroup> roots = new ArrayList<>();

	private final Map<String, FetchGroup> entityGroups = new HashMap<>();

	/**
	 * Jumps being planned, to stop key fields that could only be fetched through
	 * themselves.
	 */
	private final Set<String> inProgress = new HashSet<>();

	private final Routes routes;

	PlanBuilder(Supergraph supergraph, Operation operation) {
		this.supergraph = supergraph;
		this.operation = operation;
		this.routes = new Routes(supergraph,
				(subgraph, path) -> this.entityGroups.containsKey(groupKey(subgraph, path)));
	}

	void build() {
		boolean mutation = this.operation.kind() == OperationDefinition.Operation.MUTATION;
		String root = this.operation.rootType();
		for (Field field : this.operation.rootFields()) {
			if (field.isTypename() || field.isIntrospection()) {
				continue;
			}
			Set<String> candidates = this.supergraph.resolvingSubgraphs(root, field.name());
			if (candidates.isEmpty()) {
				throw new PlanningException("no subgraph resolves " + root + "." + field.name());
			}
			FetchGroup group = null;
			if (mutation) {
				FetchGroup last = this.roots.isEmpty() ? null : this.roots.get(this.roots.size() - 1);
				group = (last != null && candidates.contains(last.subgraph)) ? last : null;
			}
			else {
				group = this.roots.stream().filter((g) -> candidates.contains(g.subgraph)).findFirst().orElse(null);
			}
			if (group == null || !mutation && this.routes.coverage(group.subgraph, field) < best(candidates, field)) {
				String subgraph = candidates.stream()
					.filter((c) -> this.routes.coverage(c, field) == best(candidates, field))
					.findFirst()
					.orElseThrow();
				FetchGroup existing = this.roots.stream()
					.filter((g) -> g.subgraph.equals(subgraph) && !mutation)
					.findFirst()
					.orElse(null);
				group = (existing != null) ? existing : newGroup(subgraph, List.of(), false);
				if (existing == null) {
					this.roots.add(group);
				}
			}
			group.selection.reserve(this.operation.rootFields());
			planFields(group, group.selection, root, List.of(field), List.of(), null);
		}
	}

	private int best(Set<String> candidates, Field field) {
		return candidates.stream().mapToInt((c) -> this.routes.coverage(c, field)).max().orElse(0);
	}

	private Set<FetchGroup> planFields(FetchGroup group, SubgraphSelection target, String typeName, List<Field> fields,
			List<String> path, @Nullable SelectionSet provided) {
		Set<FetchGroup> used = new LinkedHashSet<>();
		target.reserve(fields);
		for (Field field : fields) {
			if (field.isTypename()) {
				target.field(field.responseKey(), Field.TYPENAME, List.of(), false);
				used.add(group);
				continue;
			}
			graphql.language.Field providedField = Routes.find(provided, field.name());
			boolean resolves = this.supergraph.resolves(group.subgraph, typeName, field.name());
			if (!resolves && providedField == null) {
				used.addAll(jump(group, target, typeName, field, path, provided));
				continue;
			}
			used.add(group);
			SubgraphSelection children = target.field(field.responseKey(), field.name(), field.arguments(),
					field.selectionSet() != null);
			if (children != null) {
				SelectionSet childProvided = resolves ? providesOf(typeName, field.name(), group.subgraph)
						: providedField.getSelectionSet();
				used.addAll(planChildren(group, children, field, extend(path, field), childProvided));
			}
		}
		return used;
	}

	private Set<FetchGroup> planChildren(FetchGroup group, SubgraphSelection children, Field field, List<String> path,
			@Nullable SelectionSet provided) {
		Set<FetchGroup> used = new LinkedHashSet<>();
		boolean abstractType = !(this.supergraph.schema().getType(field.namedType()) instanceof GraphQLObjectType);
		if (abstractType && this.supergraph.isInterfaceObject(field.namedType(), group.subgraph)) {
			return planThroughInterfaceOwner(group, children, field, path);
		}
		if (abstractType) {
			children.leaf(Field.TYPENAME);
		}
		field.selectionSet().byType().forEach((type, fields) -> {
			if (!abstractType) {
				used.addAll(planFields(group, children, type, fields, path, provided));
			}
			else if (this.supergraph.returns(group.subgraph, field.namedType(), type) && !fields.isEmpty()) {
				used.addAll(planFields(group, children.fragment(type), type, fields, path, fragment(provided, type)));
			}
		});
		return used;
	}

	private Set<FetchGroup> jump(FetchGroup group, SubgraphSelection target, String typeName, Field field,
			List<String> path, @Nullable SelectionSet provided) {
		Routes.Route route = this.routes.direct(group, typeName, typeName, field, path, provided);
		if (route == null) {
			route = this.routes.viaInterfaceObject(group, typeName, field, path, provided);
		}
		boolean direct = route != null;
		if (route == null) {
			route = this.routes.indirect(group, typeName, field);
		}
		if (route == null) {
			throw new PlanningException("cannot plan " + typeName + "." + field.name() + ": no subgraph resolving it"
					+ " has a key that can be fetched from subgraph " + group.subgraph);
		}
		String step = typeName + "." + field.name() + "@" + group.subgraph + ":" + String.join(".", path);
		if (!this.inProgress.add(step)) {
			throw new PlanningException("cannot plan " + typeName + "." + field.name() + ": its key fields can only be"
					+ " fetched through itself");
		}
		try {
			SelectionSet key = this.supergraph.fieldSet(route.key());
			target.leaf(Field.TYPENAME);
			Set<FetchGroup> sources = new LinkedHashSet<>();
			if (direct) {
				target.addFieldSet(key);
			}
			else {
				// the current subgraph cannot provide the key: fetch it from another
				// subgraph first
				sources.addAll(planHidden(group, target, typeName, key, path, provided));
			}
			String requires = this.supergraph.requires(route.entityType(), field.name(), route.subgraph());
			SelectionSet required = requires.isEmpty() ? null : this.supergraph.fieldSet(requires);
			if (required != null) {
				sources.addAll(planHidden(group, target, typeName, required, path, provided));
			}
			FetchGroup child = entityGroup(group, route.subgraph(), path, sources);
			child.dependsOn.addAll(sources);
			SubgraphSelection representation = child.representation(typeName, route.entityType());
			representation.leaf(Field.TYPENAME);
			representation.addFieldSet(key);
			if (required != null) {
				representation.addFieldSet(required);
			}
			representation.readFrom(target);
			return planFields(child, child.selection.fragment(route.entityType()), route.entityType(), List.of(field),
					path, null);
		}
		finally {
			this.inProgress.remove(step);
		}
	}

	/**
	 * Plans fields the plan needs for itself (keys, requirements) under keys that never
	 * clash with the client's.
	 */
	private Set<FetchGroup> planHidden(FetchGroup group, SubgraphSelection target, String typeName,
			SelectionSet fieldSet, List<String> path, @Nullable SelectionSet provided) {
		GraphQLCompositeType type = (GraphQLCompositeType) this.supergraph.schema().getType(typeName);
		List<Field> fields = OperationNormalizer.normalize(this.supergraph.schema(), type, fieldSet)
			.fields(typeName)
			.stream()
			.map((f) -> hideNested(f.withResponseKey(target.hiddenKey(f.name(), f.arguments()))))
			.toList();
		return planFields(group, target, typeName, fields, path, provided);
	}

	/**
	 * Below the top level, plan-owned fields with arguments take the reserved key the
	 * representation reads them from ({@link SubgraphSelection#hiddenKey}), so
	 * {@code category { averagePrice(currency: "USD") }} never merges with a client's
	 * {@code averagePrice} with other arguments.
	 */
	private static Field hideNested(Field field) {
		dev.zielwerk.gateway.operation.SelectionSet selectionSet = field.selectionSet();
		if (selectionSet == null) {
			return field;
		}
		Map<String, List<Field>> byType = new LinkedHashMap<>();
		selectionSet.byType()
			.forEach((type, fields) -> byType.put(type,
					fields.stream()
						.map((f) -> hideNested(f.arguments().isEmpty() ? f : f.withResponseKey("__zw_" + f.name())))
						.toList()));
		return new Field(field.responseKey(), field.name(), field.arguments(), field.type(),
				new dev.zielwerk.gateway.operation.SelectionSet(byType));
	}

	/**
	 * Objects of an interface fetched from a subgraph that sees the interface as an
	 * {@code @interfaceObject} carry the interface's name, not their type: the subgraph
	 * that owns the interface resolves their type and the fields of the implementations,
	 * and planning continues from there.
	 */
	private Set<FetchGroup> planThroughInterfaceOwner(FetchGroup group, SubgraphSelection children, Field field,
			List<String> path) {
		String interfaceName = field.namedType();
		Routes.Route chosen = null;
		for (String owner : this.supergraph.definingSubgraphs(interfaceName)) {
			if (this.supergraph.isInterfaceObject(interfaceName, owner)) {
				continue;
			}
			for (String key : this.supergraph.keys(interfaceName, owner)) {
				if (chosen == null
						&& this.routes.reachable(group, interfaceName, this.supergraph.fieldSet(key), null)) {
					chosen = new Routes.Route(owner, key, interfaceName);
				}
			}
		}
		if (chosen == null) {
			throw new PlanningException("cannot plan " + field.name() + ": no subgraph owning interface "
					+ interfaceName + " has a key that subgraph " + group.subgraph + " can provide");
		}
		SelectionSet key = this.supergraph.fieldSet(chosen.key());
		field.selectionSet().byType().values().forEach(children::reserve);
		children.leaf(Field.TYPENAME);
		children.addFieldSet(key);
		FetchGroup child = entityGroup(group, chosen.subgraph(), path, Set.of());
		SubgraphSelection representation = child.representation(interfaceName);
		representation.leaf(Field.TYPENAME);
		representation.addFieldSet(key);
		representation.readFrom(children);
		SubgraphSelection inner = child.selection.fragment(interfaceName);
		inner.leaf(Field.TYPENAME);
		Set<FetchGroup> used = new LinkedHashSet<>();
		used.add(group);
		String owner = chosen.subgraph();
		field.selectionSet().byType().forEach((type, fields) -> {
			if (this.supergraph.returns(owner, interfaceName, type) && !fields.isEmpty()) {
				used.addAll(planFields(child, inner.fragment(type), type, fields, path, null));
			}
		});
		return used;
	}

	/**
	 * The group fetching from a subgraph at a path: the existing one unless it would have
	 * to wait for itself, because the parent or the fetches providing the
	 * representation's key and required fields depend on it (a field requiring data that
	 * only a later fetch from the same subgraph can resolve).
	 */
	private FetchGroup entityGroup(FetchGroup parent, String subgraph, List<String> path, Set<FetchGroup> sources) {
		String key = groupKey(subgraph, path);
		FetchGroup existing = this.entityGroups.get(key);
		if (existing != null && !parent.dependsTransitivelyOn(existing) && sources.stream()
			.noneMatch((source) -> source == existing || source.dependsTransitivelyOn(existing))) {
			existing.dependsOn.add(parent);
			return existing;
		}
		FetchGroup created = newGroup(subgraph, path, true);
		created.dependsOn.add(parent);
		if (existing == null) {
			this.entityGroups.put(key, created);
		}
		return created;
	}

	private FetchGroup newGroup(String subgraph, List<String> path, boolean entity) {
		FetchGroup group = new FetchGroup(this.groups.size(), subgraph, path, entity);
		this.groups.add(group);
		return group;
	}

	private @Nullable SelectionSet providesOf(String typeName, String fieldName, String subgraph) {
		String provides = this.supergraph.provides(typeName, fieldName, subgraph);
		return provides.isEmpty() ? null : this.supergraph.fieldSet(provides);
	}

	private static String groupKey(String subgraph, List<String> path) {
		return subgraph + "|" + String.join(".", path);
	}

	private static List<String> extend(List<String> path, Field field) {
		List<String> extended = new ArrayList<>(path);
		extended.add(field.responseKey());
		GraphQLType type = field.type();
		while (type instanceof GraphQLNonNull || type instanceof GraphQLList) {
			if (type instanceof GraphQLList) {
				extended.add("@");
			}
			type = (type instanceof GraphQLNonNull nonNull) ? nonNull.getWrappedType()
					: ((GraphQLList) type).getWrappedType();
		}
		return List.copyOf(extended);
	}

	@SuppressWarnings("rawtypes")
	private static @Nullable SelectionSet fragment(@Nullable SelectionSet set, String typeName) {
		if (set == null) {
			return null;
		}
		List<Selection> selections = new ArrayList<>();
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof InlineFragment inline) {
				if (inline.getTypeCondition() != null && inline.getTypeCondition().getName().equals(typeName)) {
					selections.addAll(inline.getSelectionSet().getSelections());
				}
			}
			else {
				selections.add(selection);
			}
		}
		return SelectionSet.newSelectionSet(selections).build();
	}

}
