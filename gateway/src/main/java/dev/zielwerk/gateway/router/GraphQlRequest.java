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
}
