package dev.zielwerk.gateway.execute;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns subgraph errors into client errors: paths moved from the subgraph request into
 * the client's response, {@code extensions.serviceName} added, a code added when the
 * subgraph gave none, subgraph locations dropped (they point into an operation the client
 * never wrote).
 */
final class SubgraphErrors {

	static final String DOWNSTREAM = "DOWNSTREAM_SERVICE_ERROR";

	static final String HTTP_ERROR = "SUBREQUEST_HTTP_ERROR";

	private SubgraphErrors() {
	}

	static ObjectNode downstream(ObjectNode error, String subgraph, @Nullable JsonNode path) {
		ObjectNode copy = ExecutionState.NODES.objectNode();
		JsonNode message = error.get("message");
		copy.put("message", (message != null && message.isString()) ? message.stringValue() : "subgraph error");
		if (path instanceof ArrayNode array && !array.isEmpty()) {
			copy.set("path", array);
		}
		ObjectNode extensions = copy.putObject("extensions");
		if (error.get("extensions") instanceof ObjectNode original) {
			original.properties().forEach((e) -> {
				if (!e.getKey().equals("stacktrace") && !e.getKey().equals("exception")) {
					extensions.set(e.getKey(), e.getValue());
				}
			});
		}
		if (!extensions.has("code")) {
			extensions.put("code", DOWNSTREAM);
		}
		extensions.put("serviceName", subgraph);
		return copy;
	}

	/**
	 * Re-paths an error of an {@code _entities} request:
	 * {@code ["_entities", i, ...rest]} becomes the path of every object that
	 * representation {@code i} stands for, followed by {@code rest}.
	 */
	static List<ObjectNode> repath(ObjectNode error, String subgraph, EntityTargets targets) {
		JsonNode path = error.get("path");
		if (!(path instanceof ArrayNode array) || array.size() < 2 || !"_entities".equals(array.get(0).asString())
				|| !array.get(1).isNumber()) {
			return List.of(downstream(error, subgraph, null));
		}
		List<ObjectNode> errors = new ArrayList<>();
		for (EntityTargets.Target target : targets.targets(array.get(1).intValue())) {
			ArrayNode repathed = ExecutionState.NODES.arrayNode();
			target.path().forEach((segment) -> {
				if (segment instanceof Integer index) {
					repathed.add(index);
				}
				else {
					repathed.add(segment.toString());
				}
			});
			for (int i = 2; i < array.size(); i++) {
				repathed.add(array.get(i));
			}
			errors.add(downstream(error, subgraph, repathed));
		}
		return errors;
	}

	/**
	 * The errors of a failed fetch: one per field it owned that is still missing in each
	 * object it was for, at that field's path; one without a path when there is none.
	 */
	static List<ObjectNode> failedAt(String subgraph, String code, @Nullable String reason, List<String> fields,
			List<EntityTargets.Target> targets) {
		String message = "HTTP fetch failed from '" + subgraph + "': " + reason;
		List<ObjectNode> errors = new ArrayList<>();
		for (EntityTargets.Target target : targets) {
			for (String field : fields) {
				JsonNode present = target.object().get(field);
				if (present != null && !present.isNull()) {
					continue;
				}
				ArrayNode path = ExecutionState.NODES.arrayNode();
				target.path().forEach((segment) -> {
					if (segment instanceof Integer index) {
						path.add(index);
					}
					else {
						path.add(segment.toString());
					}
				});
				errors.add(failure(message, path.add(field), code, subgraph));
			}
		}
		if (errors.isEmpty()) {
			errors.add(failure(message, null, code, subgraph));
		}
		return errors;
	}

	private static ObjectNode failure(String message, @Nullable ArrayNode path, String code, String subgraph) {
		ObjectNode error = ExecutionState.NODES.objectNode();
		error.put("message", message);
		if (path != null) {
			error.set("path", path);
		}
		ObjectNode extensions = error.putObject("extensions");
		extensions.put("code", code);
		extensions.put("serviceName", subgraph);
		return error;
	}

	static ObjectNode failed(String subgraph, String reason) {
		ObjectNode error = ExecutionState.NODES.objectNode();
		error.put("message", "HTTP fetch failed from '" + subgraph + "': " + reason);
		ObjectNode extensions = error.putObject("extensions");
		extensions.put("code", HTTP_ERROR);
		extensions.put("serviceName", subgraph);
		return error;
	}

}
