package dev.zielwerk.gateway.router;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client request as the transport received it.
 *
 * @param query the document text
 * @param operationName the operation to run, if the document has several
 * @param variables the variables as sent
 * @param includePlan whether to answer the plan in {@code extensions.queryPlan}
 * @param allowMutations false for transports that must not change state (HTTP GET)
 */
public record GraphQlRequest(@Nullable String query, @Nullable String operationName, ObjectNode variables,
		boolean includePlan, boolean allowMutations) {

	/**
	 * The same request with another query text (a persisted query resolved by its hash).
	 * @param text the query text to run
	 * @return the new request
	 */
	public GraphQlRequest withQuery(@Nullable String text) {
		return new GraphQlRequest(text, this.operationName, this.variables, this.includePlan, this.allowMutations);
	}

}
