package dev.zielwerk.gateway.plan;

import dev.zielwerk.gateway.operation.Operation;
import org.jspecify.annotations.Nullable;

/**
 * The plan of one operation: the normalized operation (which shapes the response) and the
 * fetches that produce the data. {@link #toString()} prints it for humans.
 *
 * @param operation the normalized client operation
 * @param root the fetches, {@code null} when nothing needs fetching (only
 * {@code __typename})
 */
public record QueryPlan(Operation operation, @Nullable PlanNode root) {

	@Override
	public String toString() {
		return PlanPrinter.print(this.root);
	}

}
