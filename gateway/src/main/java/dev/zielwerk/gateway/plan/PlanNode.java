package dev.zielwerk.gateway.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node of a query plan. Sequences run their nodes one after another, parallels at once,
 * a flatten runs its fetch for every object found at its path in the response so far.
 */
public sealed interface PlanNode {

	/**
	 * One request to one subgraph.
	 *
	 * @param subgraph the subgraph name
	 * @param operation the operation text sent
	 * @param variables the client variables the operation uses
	 * @param representation for entity fetches, the fields each representation carries,
	 * per type name (empty for root fetches)
	 * @param selection the selection, printed for humans
	 * @param requires the representation fields, printed for humans (empty for root
	 * fetches)
	 * @param entityTypes per type name of the objects fetched for, the {@code __typename}
	 * their representations carry: the same name, or an interface the subgraph resolves
	 * as {@code @interfaceObject}
	 * @param renames aliased fields to rename back in the answer (see {@link KeyRename})
	 */
	record Fetch(String subgraph, String operation, Set<String> variables,
			Map<String, List<RequiredField>> representation, String selection, String requires,
			Map<String, String> entityTypes, List<KeyRename> renames) implements PlanNode {

		public boolean isEntityFetch() {
			return !this.representation.isEmpty();
		}

	}

	/**
	 * An entity fetch applied at a path of the response.
	 *
	 * @param path response keys, {@code @} for every list level
	 * @param fetch the entity fetch
	 */
	record Flatten(List<String> path, Fetch fetch) implements PlanNode {
	}

	/**
	 * Nodes that run in order.
	 *
	 * @param nodes the nodes
	 */
	record Sequence(List<PlanNode> nodes) implements PlanNode {
	}

	/**
	 * Nodes that run at the same time.
	 *
	 * @param nodes the nodes
	 */
	record Parallel(List<PlanNode> nodes) implements PlanNode {
	}

}
