package dev.zielwerk.gateway.plan;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.AstPrinter;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;

/**
 * The fields one subgraph request will fetch while the plan is being built: a root fetch
 * or an entity fetch at a path, with the representation fields per type and the groups
 * whose data it needs first.
 */
final class FetchGroup {

	final int id;

	final String subgraph;

	final List<String> path;

	final boolean entity;

	final SubgraphSelection selection = new SubgraphSelection();

	final Map<String, SubgraphSelection> representations = new LinkedHashMap<>();

	final Map<String, String> entityTypes = new LinkedHashMap<>();

	final Set<FetchGroup> dependsOn = new LinkedHashSet<>();

	/** Fields sent under an alias that the answer must be renamed back from. */
	List<KeyRename> renames = List.of();

	FetchGroup(int id, String subgraph, List<String> path, boolean entity) {
		this.id = id;
		this.subgraph = subgraph;
		this.path = path;
		this.entity = entity;
	}

	SubgraphSelection representation(String typeName) {
		return representation(typeName, typeName);
	}

	/**
	 * The representation fields for objects of a type, sent with {@code __typename}
	 * {@code entityType}.
	 */
	SubgraphSelection representation(String typeName, String entityType) {
		this.entityTypes.put(typeName, entityType);
		return this.representations.computeIfAbsent(typeName, (type) -> new SubgraphSelection());
	}

	boolean dependsTransitivelyOn(FetchGroup other) {
		Set<FetchGroup> seen = new HashSet<>();
		Deque<FetchGroup> pending = new ArrayDeque<>(this.dependsOn);
		while (!pending.isEmpty()) {
			FetchGroup next = pending.pop();
			if (next == other) {
				return true;
			}
			if (seen.add(next)) {
				pending.addAll(next.dependsOn);
			}
		}
		return false;
	}

	PlanNode.Fetch toFetch(OperationDefinition.Operation kind, List<VariableDefinition> definitions) {
		Set<String> variables = SubgraphSelection.variables(this.selection);
		StringBuilder operation = new StringBuilder(
				(!this.entity && kind == OperationDefinition.Operation.MUTATION) ? "mutation" : "query");
		boolean hasDefinitions = this.entity || !variables.isEmpty();
		if (hasDefinitions) {
			operation.append('(');
			boolean first = true;
			if (this.entity) {
				operation.append("$representations:[_Any!]!");
				first = false;
			}
			for (VariableDefinition definition : definitions) {
				if (variables.contains(definition.getName())) {
					if (!first) {
						operation.append(',');
					}
					first = false;
					operation.append(AstPrinter.printAstCompact(definition));
				}
			}
			operation.append(')');
		}
		if (this.entity) {
			operation.append("{_entities(representations:$representations)");
			this.selection.printCompact(operation);
			operation.append('}');
		}
		else {
			this.selection.printCompact(operation);
		}
		StringBuilder selectionText = new StringBuilder();
		this.selection.printPretty(selectionText, 0);
		Map<String, List<RequiredField>> representation = new LinkedHashMap<>();
		SubgraphSelection requires = new SubgraphSelection();
		this.representations.forEach((type, fields) -> {
			representation.put(type, fields.toRequiredFields());
			requires.fragment(this.entityTypes.getOrDefault(type, type)).addAll(fields);
		});
		StringBuilder requiresText = new StringBuilder();
		if (this.entity) {
			requires.printPretty(requiresText, 0);
		}
		return new PlanNode.Fetch(this.subgraph, operation.toString(), variables, representation,
				selectionText.toString(), requiresText.toString(), Map.copyOf(this.entityTypes), this.renames);
	}

	@Override
	public String toString() {
		return this.subgraph + "#" + this.id + "@" + String.join(".", this.path);
	}

}
