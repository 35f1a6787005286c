package dev.zielwerk.gateway.plan;

/**
 * An operation the planner cannot satisfy from the supergraph, naming the field and
 * subgraph at fault.
 */
public final class PlanningException extends RuntimeException {

	PlanningException(String message) {
		super(message);
	}

}
