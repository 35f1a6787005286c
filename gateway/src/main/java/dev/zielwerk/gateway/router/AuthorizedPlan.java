package dev.zielwerk.gateway.router;

import dev.zielwerk.gateway.authz.Authorization;
import dev.zielwerk.gateway.plan.QueryPlan;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A subscription's plan for one kind of caller: what to run, and the authorization
 * decision that puts the denied fields back into every event as null with a FORBIDDEN
 * error, as a query's answer gets them.
 *
 * @param plan the plan of the fields the caller may see
 * @param authorization the decision when it denied a field, else null
 */
public record AuthorizedPlan(QueryPlan plan, @Nullable Authorization authorization) {

	/**
	 * Completes one event's response with the denied fields.
	 * @param response the response of the event (changed in place)
	 * @return the response
	 */
	public ObjectNode complete(ObjectNode response) {
		Authorization authorization = this.authorization;
		return (authorization != null) ? authorization.complete(response) : response;
	}

}
