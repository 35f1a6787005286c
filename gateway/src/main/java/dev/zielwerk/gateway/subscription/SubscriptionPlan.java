package dev.zielwerk.gateway.subscription;

import java.util.List;

import dev.zielwerk.gateway.operation.RequestException;
import dev.zielwerk.gateway.plan.PlanNode;
import dev.zielwerk.gateway.plan.QueryPlan;
import org.jspecify.annotations.Nullable;

/**
 * A subscription's plan split in two: the root fetch, which becomes the subscription the
 * gateway holds at the owning subgraph, and the fetches that follow it, which run for
 * every event. The planner builds subscription plans like query plans, so the root fetch
 * heads the plan and its operation text is turned into a {@code subscription}.
 *
 * @param subgraph the subgraph that owns the subscription field
 * @param operation the operation sent to that subgraph
 * @param root the root fetch as planned
 * @param dependents the client operation with the fetches after the root fetch (a
 * {@code null} root when the subgraph answers everything)
 */
record SubscriptionPlan(String subgraph, String operation, PlanNode.Fetch root, QueryPlan dependents) {

	private static final String QUERY = "query";

	static SubscriptionPlan of(QueryPlan plan) {
		PlanNode node = plan.root();
		PlanNode.Fetch root;
		@Nullable PlanNode rest;
		if (node instanceof PlanNode.Fetch fetch) {
			root = fetch;
			rest = null;
		}
		else if (node instanceof PlanNode.Sequence sequence
				&& sequence.nodes().get(0) instanceof PlanNode.Fetch fetch) {
			root = fetch;
			List<PlanNode> after = sequence.nodes().subList(1, sequence.nodes().size());
			rest = (after.size() == 1) ? after.get(0) : new PlanNode.Sequence(List.copyOf(after));
		}
		else {
			throw new RequestException(
					"The subscription cannot be planned: its root field must come from one subgraph.",
					"QUERY_PLANNING_FAILED");
		}
		if (root.isEntityFetch() || !root.operation().startsWith(QUERY)) {
			throw new RequestException("The subscription cannot be planned: its plan does not start at a root field.",
					"QUERY_PLANNING_FAILED");
		}
		String operation = "subscription" + root.operation().substring(QUERY.length());
		return new SubscriptionPlan(root.subgraph(), operation, root, new QueryPlan(plan.operation(), rest));
	}

}
