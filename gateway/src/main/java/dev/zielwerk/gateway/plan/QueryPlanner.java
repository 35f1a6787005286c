package dev.zielwerk.gateway.plan;

import dev.zielwerk.gateway.operation.Operation;
import dev.zielwerk.gateway.supergraph.Supergraph;

/**
 * Plans normalized operations against a supergraph. Stateless and thread-safe; callers
 * cache the plans.
 */
public final class QueryPlanner {

	private final Supergraph supergraph;

	public QueryPlanner(Supergraph supergraph) {
		this.supergraph = supergraph;
	}

	/**
	 * Plans an operation.
	 * @param operation the normalized operation
	 * @return its plan
	 * @throws PlanningException when a field cannot be reached from any subgraph
	 */
	public QueryPlan plan(Operation operation) {
		PlanBuilder builder = new PlanBuilder(this.supergraph, operation);
		builder.build();
		for (FetchGroup group : builder.groups) {
			group.renames = ResponseKeyConflicts.resolve(this.supergraph, group,
					group.entity ? null : operation.rootType());
		}
		PlanNode root = new PlanAssembler(builder.groups, builder.roots, operation.kind(),
				operation.variableDefinitions())
			.assemble();
		return new QueryPlan(operation, root);
	}

}
