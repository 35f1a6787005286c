package dev.zielwerk.gateway.subscription;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The subgraph leg of a subscription ended abnormally: the subgraph's own {@code error}
 * message, or a failure of the connection, with the errors the client gets.
 */
final class UpstreamFailure extends RuntimeException {

	private final transient List<ObjectNode> errors;

	private UpstreamFailure(String message, List<ObjectNode> errors) {
		super(message, null, false, false);
		this.errors = List.copyOf(errors);
	}

	/** The subgraph failed the leg, in its own words. */
	static UpstreamFailure transport(String subgraph, String reason) {
		ObjectNode error = SubscriptionErrors.error("The subscription to subgraph '" + subgraph + "' failed: " + reason,
				SubscriptionErrors.UPSTREAM);
		((ObjectNode) error.get("extensions")).put("serviceName", subgraph);
		return new UpstreamFailure(reason, List.of(error));
	}

	/** The subgraph answered with an {@code error} message. */
	static UpstreamFailure errors(String subgraph, JsonNode payload) {
		List<ObjectNode> errors = new ArrayList<>();
		if (payload.isArray()) {
			payload.forEach((error) -> {
				ObjectNode copy = SubscriptionErrors.error((GraphQlWs.text(error.get("message")) != null)
						? error.get("message").stringValue() : "subgraph error", "DOWNSTREAM_SERVICE_ERROR");
				if (error.get("extensions") instanceof ObjectNode extensions) {
					ObjectNode target = (ObjectNode) copy.get("extensions");
					extensions.properties().forEach((e) -> {
						if (!e.getKey().equals("stacktrace") && !e.getKey().equals("exception")) {
							target.set(e.getKey(), e.getValue());
						}
					});
				}
				((ObjectNode) copy.get("extensions")).put("serviceName", subgraph);
				errors.add(copy);
			});
		}
		if (errors.isEmpty()) {
			return transport(subgraph, "it answered with an error");
		}
		return new UpstreamFailure("subgraph error", errors);
	}

	List<ObjectNode> errors() {
		return this.errors;
	}

}
