package dev.zielwerk.gateway.authz;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operation refused as a whole by authorization where there is no partial answer to
 * give: a subscription whose root field the caller may not see (or any denied field under
 * {@code reject-unauthorized}). Carries the FORBIDDEN errors, one per denied field with
 * its path, for the transport to answer.
 */
public final class OperationForbiddenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<ObjectNode> errors;

	OperationForbiddenException(ObjectNode rejection) {
		super("The operation is not authorized");
		List<ObjectNode> errors = new ArrayList<>();
		for (JsonNode error : rejection.path("errors")) {
			if (error instanceof ObjectNode object) {
				errors.add(object);
			}
		}
		this.errors = List.copyOf(errors);
	}

	/**
	 * The errors to answer, each with {@code extensions.code} FORBIDDEN.
	 * @return the errors (shared: copy before changing)
	 */
	public List<ObjectNode> errors() {
		return this.errors;
	}

}
