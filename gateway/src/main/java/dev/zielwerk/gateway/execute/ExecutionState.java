package dev.zielwerk.gateway.execute;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The response tree and errors of one execution while its fetches complete. Parallel
 * fetches finish on different threads, so every access goes through this object's
 * monitor.
 */
final class ExecutionState {

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final ObjectNode data = NODES.objectNode();

	private final List<ObjectNode> errors = new ArrayList<>();

	/**
	 * Paths under which missing values are explained by a failed fetch, so no further
	 * error is added.
	 */
	private final List<List<Object>> failedPaths = new ArrayList<>();

	synchronized ObjectNode data() {
		return this.data;
	}

	synchronized void mergeRoot(JsonNode rootData) {
		if (rootData instanceof ObjectNode object) {
			merge(this.data, object);
		}
	}

	synchronized void addError(ObjectNode error) {
		this.errors.add(error);
	}

	synchronized void fetchFailed(ObjectNode error, List<List<Object>> paths) {
		this.errors.add(error);
		this.failedPaths.addAll(paths);
	}

	synchronized void fetchFailed(List<ObjectNode> errors, List<List<Object>> paths) {
		this.errors.addAll(errors);
		this.failedPaths.addAll(paths);
	}

	synchronized List<ObjectNode> errors() {
		return this.errors;
	}

	synchronized List<List<Object>> failedPaths() {
		return this.failedPaths;
	}

	/**
	 * Deep-merges fields fetched by one subgraph into an object that other subgraphs
	 * filled in part.
	 */
	static void merge(ObjectNode target, ObjectNode source) {
		for (Map.Entry<String, JsonNode> entry : source.properties()) {
			JsonNode existing = target.get(entry.getKey());
			JsonNode incoming = entry.getValue();
			if (existing instanceof ObjectNode existingObject && incoming instanceof ObjectNode incomingObject) {
				merge(existingObject, incomingObject);
			}
			else if (existing instanceof ArrayNode existingArray && incoming instanceof ArrayNode incomingArray
					&& existingArray.size() == incomingArray.size()) {
				for (int i = 0; i < existingArray.size(); i++) {
					if (existingArray.get(i) instanceof ObjectNode a && incomingArray.get(i) instanceof ObjectNode b) {
						merge(a, b);
					}
					else {
						existingArray.set(i, incomingArray.get(i));
					}
				}
			}
			else {
				target.set(entry.getKey(), incoming);
			}
		}
	}

}
