package dev.zielwerk.gateway.execute;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zielwerk.gateway.operation.Field;
import dev.zielwerk.gateway.plan.RequiredField;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The objects an entity fetch applies to: found at the fetch's path, each with its
 * response path and the index of its representation. Equal representations are sent once.
 */
final class EntityTargets {

	private final Map<String, List<RequiredField>> representationFields;

	private final Map<String, String> entityTypes;

	private final Map<ObjectNode, Integer> indexes = new LinkedHashMap<>();

	private final List<List<Target>> targetsByIndex = new ArrayList<>();

	private EntityTargets(Map<String, List<RequiredField>> representationFields, Map<String, String> entityTypes) {
		this.representationFields = representationFields;
		this.entityTypes = entityTypes;
	}

	/**
	 * Collects the targets below a path; call while holding the execution state's
	 * monitor.
	 */
	static EntityTargets collect(JsonNode root, List<String> path, Map<String, List<RequiredField>> fields,
			Map<String, String> entityTypes) {
		EntityTargets targets = new EntityTargets(fields, entityTypes);
		targets.walk(root, path, 0, new ArrayList<>());
		return targets;
	}

	boolean isEmpty() {
		return this.indexes.isEmpty();
	}

	ArrayNode representations() {
		ArrayNode array = ExecutionState.NODES.arrayNode(this.indexes.size());
		this.indexes.keySet().forEach(array::add);
		return array;
	}

	List<Target> targets(int index) {
		return (index >= 0 && index < this.targetsByIndex.size()) ? this.targetsByIndex.get(index) : List.of();
	}

	List<Target> all() {
		List<Target> all = new ArrayList<>();
		this.targetsByIndex.forEach(all::addAll);
		return all;
	}

	List<List<Object>> allPaths() {
		List<List<Object>> paths = new ArrayList<>();
		this.targetsByIndex.forEach((targets) -> targets.forEach((t) -> paths.add(t.path())));
		return paths;
	}

	private void walk(JsonNode node, List<String> path, int index, List<Object> concrete) {
		if (index == path.size()) {
			if (node instanceof ObjectNode object) {
				add(object, List.copyOf(concrete));
			}
			return;
		}
		String segment = path.get(index);
		if (segment.equals("@")) {
			if (node instanceof ArrayNode array) {
				for (int i = 0; i < array.size(); i++) {
					concrete.add(i);
					walk(array.get(i), path, index + 1, concrete);
					concrete.remove(concrete.size() - 1);
				}
			}
			return;
		}
		JsonNode child = node.get(segment);
		if (child != null && !child.isNull()) {
			concrete.add(segment);
			walk(child, path, index + 1, concrete);
			concrete.remove(concrete.size() - 1);
		}
	}

	private void add(ObjectNode object, List<Object> path) {
		JsonNode typename = object.get(Field.TYPENAME);
		String type = (typename != null && typename.isString()) ? typename.stringValue()
				: (this.representationFields.size() == 1) ? this.representationFields.keySet().iterator().next() : null;
		List<RequiredField> fields = (type != null) ? this.representationFields.get(type) : null;
		if (fields == null) {
			return;
		}
		ObjectNode representation = copy(object, fields);
		if (representation == null) {
			return;
		}
		representation.put(Field.TYPENAME, this.entityTypes.getOrDefault(type, type));
		Integer index = this.indexes.get(representation);
		if (index == null) {
			index = this.indexes.size();
			this.indexes.put(representation, index);
			this.targetsByIndex.add(new ArrayList<>());
		}
		this.targetsByIndex.get(index).add(new Target(object, path));
	}

	/**
	 * Copies the representation fields; {@code null} when one is missing (its fetch
	 * failed).
	 */
	private static @Nullable ObjectNode copy(ObjectNode source, List<RequiredField> fields) {
		ObjectNode copy = ExecutionState.NODES.objectNode();
		for (RequiredField field : fields) {
			JsonNode value = source.get(field.responseKey());
			if (value == null) {
				if (field.name().equals(Field.TYPENAME)) {
					continue;
				}
				return null;
			}
			if (field.selections().isEmpty() || value.isNull()) {
				copy.set(field.name(), value);
			}
			else {
				JsonNode nested = copyValue(value, field.selections());
				if (nested == null) {
					return null;
				}
				copy.set(field.name(), nested);
			}
		}
		return copy;
	}

	private static @Nullable JsonNode copyValue(JsonNode value, List<RequiredField> fields) {
		if (value instanceof ObjectNode object) {
			return copy(object, fields);
		}
		if (value instanceof ArrayNode array) {
			ArrayNode copy = ExecutionState.NODES.arrayNode(array.size());
			for (JsonNode item : array) {
				JsonNode nested = item.isNull() ? item : copyValue(item, fields);
				if (nested == null) {
					return null;
				}
				copy.add(nested);
			}
			return copy;
		}
		return value;
	}

	/**
	 * An object an entity result is merged into.
	 *
	 * @param object the object in the response tree
	 * @param path its response path
	 */
	record Target(ObjectNode object, List<Object> path) {
	}

}
