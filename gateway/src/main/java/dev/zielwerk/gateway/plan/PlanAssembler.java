package dev.zielwerk.gateway.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import org.jspecify.annotations.Nullable;

/**
 * Turns fetch groups and their dependencies into a tree of sequences and parallels. A
 * group hangs below the deepest group it depends on when its other dependencies are
 * ancestors of that one, so independent branches never wait for each other; dependencies
 * that do not form such a chain fall back to running the plan in layers.
 */
final class PlanAssembler {

	private final List<FetchGroup> groups;

	private final List<FetchGroup> roots;

	private final OperationDefinition.Operation kind;

	private final List<VariableDefinition> definitions;

	private final Map<FetchGroup, FetchGroup> parents = new HashMap<>();

	private final Map<FetchGroup, List<FetchGroup>> children = new LinkedHashMap<>();

	PlanAssembler(List<FetchGroup> groups, List<FetchGroup> roots, OperationDefinition.Operation kind,
			List<VariableDefinition> definitions) {
		this.groups = groups;
		this.roots = roots;
		this.kind = kind;
		this.definitions = definitions;
	}

	@Nullable PlanNode assemble() {
		if (this.roots.isEmpty()) {
			return null;
		}
		List<FetchGroup> ordered = topological();
		for (FetchGroup group : ordered) {
			if (this.roots.contains(group)) {
				continue;
			}
			FetchGroup deepest = null;
			for (FetchGroup dependency : group.dependsOn) {
				if (deepest == null || depth(dependency) > depth(deepest)) {
					deepest = dependency;
				}
			}
			for (FetchGroup dependency : group.dependsOn) {
				if (!isAncestorOrSelf(dependency, deepest)) {
					return layered(ordered);
				}
			}
			this.parents.put(group, deepest);
			this.children.computeIfAbsent(deepest, (g) -> new ArrayList<>()).add(group);
		}
		List<PlanNode> nodes = this.roots.stream().map(this::subtree).toList();
		return (this.kind == OperationDefinition.Operation.MUTATION) ? sequence(nodes) : parallel(nodes);
	}

	private PlanNode subtree(FetchGroup group) {
		PlanNode fetch = fetch(group);
		List<FetchGroup> below = this.children.getOrDefault(group, List.of());
		if (below.isEmpty()) {
			return fetch;
		}
		return sequence(List.of(fetch, parallel(below.stream().map(this::subtree).toList())));
	}

	private PlanNode layered(List<FetchGroup> ordered) {
		Map<FetchGroup, Integer> depths = new HashMap<>();
		TreeMap<Integer, List<PlanNode>> layers = new TreeMap<>();
		for (FetchGroup group : ordered) {
			int depth = this.roots.contains(group)
					? ((this.kind == OperationDefinition.Operation.MUTATION) ? this.roots.indexOf(group) : 0) : 0;
			for (FetchGroup dependency : group.dependsOn) {
				depth = Math.max(depth, depths.get(dependency) + 1);
			}
			depths.put(group, depth);
			layers.computeIfAbsent(depth, (d) -> new ArrayList<>()).add(fetch(group));
		}
		return sequence(layers.values().stream().map(this::parallel).toList());
	}

	private List<FetchGroup> topological() {
		Set<FetchGroup> done = new LinkedHashSet<>();
		Set<FetchGroup> visiting = new LinkedHashSet<>();
		for (FetchGroup group : this.groups) {
			visit(group, done, visiting);
		}
		return new ArrayList<>(done);
	}

	private void visit(FetchGroup group, Set<FetchGroup> done, Set<FetchGroup> visiting) {
		if (done.contains(group)) {
			return;
		}
		if (!visiting.add(group)) {
			throw new PlanningException("fetches depend on each other in a cycle at " + group);
		}
		group.dependsOn.forEach((dependency) -> visit(dependency, done, visiting));
		visiting.remove(group);
		done.add(group);
	}

	private int depth(FetchGroup group) {
		int depth = 0;
		for (FetchGroup g = this.parents.get(group); g != null; g = this.parents.get(g)) {
			depth++;
		}
		return depth;
	}

	private boolean isAncestorOrSelf(FetchGroup candidate, FetchGroup group) {
		for (FetchGroup g = group; g != null; g = this.parents.get(g)) {
			if (g == candidate) {
				return true;
			}
		}
		return false;
	}

	private PlanNode fetch(FetchGroup group) {
		PlanNode.Fetch fetch = group.toFetch(this.kind, this.definitions);
		return group.entity ? new PlanNode.Flatten(group.path, fetch) : fetch;
	}

	private static PlanNode sequence(List<PlanNode> nodes) {
		List<PlanNode> flat = new ArrayList<>();
		nodes.forEach((node) -> {
			if (node instanceof PlanNode.Sequence sequence) {
				flat.addAll(sequence.nodes());
			}
			else {
				flat.add(node);
			}
		});
		return (flat.size() == 1) ? flat.get(0) : new PlanNode.Sequence(List.copyOf(flat));
	}

	private PlanNode parallel(List<PlanNode> nodes) {
		List<PlanNode> flat = new ArrayList<>();
		nodes.forEach((node) -> {
			if (node instanceof PlanNode.Parallel parallel) {
				flat.addAll(parallel.nodes());
			}
			else {
				flat.add(node);
			}
		});
		return (flat.size() == 1) ? flat.get(0) : new PlanNode.Parallel(List.copyOf(flat));
	}

}
