package dev.zielwerk.gateway.subscription;

import java.util.List;

import dev.zielwerk.gateway.authz.OperationForbiddenException;
import dev.zielwerk.gateway.limits.ErrorCodes;
import dev.zielwerk.gateway.operation.RequestError;
import dev.zielwerk.gateway.operation.RequestException;
import graphql.language.SourceLocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Exceptions;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place that turns what ends a subscription abnormally into GraphQL errors for
 * the client: request errors with their codes, authorization refusals, subgraph failures,
 * a full buffer, and anything else masked.
 */
final class SubscriptionErrors {

	/** The per-subscription buffer filled up. */
	static final String BUFFER_OVERFLOW = "SUBSCRIPTION_BUFFER_OVERFLOW";

	/** The connection holds the maximum number of subscriptions. */
	static final String LIMIT = "SUBSCRIPTION_LIMIT_EXCEEDED";

	/** The subgraph leg failed (connect, protocol, or it closed without completing). */
	static final String UPSTREAM = "SUBSCRIPTION_UPSTREAM_ERROR";

	private static final Log logger = LogFactory.getLog(SubscriptionErrors.class);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private SubscriptionErrors() {
	}

	static List<ObjectNode> of(Throwable ex) {
		if (ex instanceof RequestException request) {
			return request.errors().stream().map(SubscriptionErrors::error).toList();
		}
		if (ex instanceof OperationForbiddenException forbidden) {
			return forbidden.errors().stream().map(ObjectNode::deepCopy).toList();
		}
		if (ex instanceof UpstreamFailure upstream) {
			return upstream.errors();
		}
		if (Exceptions.isOverflow(ex)) {
			return List.of(error("The client did not keep up with the events; the subscription was ended. "
					+ "Resubscribe to continue.", BUFFER_OVERFLOW));
		}
		// no message, class name or stack trace leaves the gateway
		logger.error("Unexpected failure of a subscription", ex);
		return List.of(error("Internal server error.", ErrorCodes.INTERNAL_SERVER_ERROR));
	}

	static ObjectNode error(String message, String code) {
		ObjectNode error = NODES.objectNode().put("message", message);
		error.putObject("extensions").put("code", code);
		return error;
	}

	static ObjectNode response(List<ObjectNode> errors) {
		ObjectNode response = NODES.objectNode();
		response.putArray("errors").addAll(errors);
		return response;
	}

	private static ObjectNode error(RequestError request) {
		ObjectNode error = NODES.objectNode().put("message", request.message());
		if (!request.locations().isEmpty()) {
			ArrayNode locations = error.putArray("locations");
			for (SourceLocation location : request.locations()) {
				locations.addObject().put("line", location.getLine()).put("column", location.getColumn());
			}
		}
		error.putObject("extensions").put("code", request.code());
		return error;
	}

}
