package dev.zielwerk.gateway.execute;

import java.util.ArrayList;
import java.util.List;

import dev.zielwerk.gateway.operation.Field;
import dev.zielwerk.gateway.operation.SelectionSet;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the client's response from the merged response tree: only the fields the client
 * selected, in the order it selected them, with null propagation as the GraphQL
 * specification says (a null in a non-null position makes the nearest nullable parent
 * null). A null with no error explaining it gets one, so every nulled non-null field is
 * reported exactly once.
 */
final class ResponseShaper {

	private final List<List<Object>> explained;

	private final List<ObjectNode> errors;

	private final List<Object> path = new ArrayList<>();

	private final GraphQLSchema apiSchema;

	/**
	 * @param apiSchema the schema clients see: enum values outside it are not answered
	 * @param errors the errors so far; errors added while shaping are appended
	 * @param failedPaths paths below which missing data is already explained by a failed
	 * fetch
	 */
	ResponseShaper(GraphQLSchema apiSchema, List<ObjectNode> errors, List<List<Object>> failedPaths) {
		this.apiSchema = apiSchema;
		this.errors = errors;
		this.explained = new ArrayList<>(failedPaths);
		for (ObjectNode error : errors) {
			JsonNode errorPath = error.get("path");
			if (errorPath instanceof ArrayNode array) {
				List<Object> segments = new ArrayList<>();
				array.forEach((s) -> segments.add(s.isNumber() ? (Object) s.intValue() : s.asString()));
				this.explained.add(segments);
			}
		}
	}

	/**
	 * Shapes the root object.
	 * @return the data, or {@code null} when a non-null root field was null
	 */
	@Nullable ObjectNode shape(ObjectNode data, String rootType, SelectionSet selectionSet) {
		return object(data, rootType, selectionSet);
	}

	private @Nullable ObjectNode object(ObjectNode source, String staticType, SelectionSet selectionSet) {
		JsonNode typename = source.get(Field.TYPENAME);
		String type = (typename != null && typename.isString()) ? typename.stringValue() : staticType;
		List<Field> fields = selectionSet.fields(type);
		ObjectNode out = ExecutionState.NODES.objectNode();
		for (Field field : fields) {
			this.path.add(field.responseKey());
			JsonNode value = field.isTypename() ? ExecutionState.NODES.stringNode(type)
					: source.get(field.responseKey());
			JsonNode completed = complete(value, field.type(), field, type);
			this.path.remove(this.path.size() - 1);
			if (completed == null) {
				return null;
			}
			out.set(field.responseKey(), completed);
		}
		return out;
	}

	/**
	 * Completes a value; returns {@code null} (Java) when the null must propagate to the
	 * parent.
	 */
	private @Nullable JsonNode complete(@Nullable JsonNode value, GraphQLOutputType type, Field field,
			String parentType) {
		if (type instanceof GraphQLNonNull nonNull) {
			if (value == null || value.isNull()) {
				nullError(field, parentType);
				return null;
			}
			JsonNode completed = complete(value, (GraphQLOutputType) nonNull.getWrappedType(), field, parentType);
			return (completed == null || completed.isNull()) ? null : completed;
		}
		if (value == null || value.isNull()) {
			return ExecutionState.NODES.nullNode();
		}
		if (type instanceof GraphQLList list) {
			if (!(value instanceof ArrayNode array)) {
				return ExecutionState.NODES.nullNode();
			}
			ArrayNode out = ExecutionState.NODES.arrayNode(array.size());
			GraphQLOutputType itemType = (GraphQLOutputType) list.getWrappedType();
			for (int i = 0; i < array.size(); i++) {
				this.path.add(i);
				JsonNode item = complete(array.get(i), itemType, field, parentType);
				this.path.remove(this.path.size() - 1);
				if (item == null) {
					return ExecutionState.NODES.nullNode();
				}
				out.add(item);
			}
			return out;
		}
		SelectionSet selectionSet = field.selectionSet();
		if (selectionSet == null) {
			return leaf(value, type);
		}
		if (!(value instanceof ObjectNode object)) {
			return ExecutionState.NODES.nullNode();
		}
		ObjectNode shaped = object(object, field.namedType(), selectionSet);
		return (shaped != null) ? shaped : ExecutionState.NODES.nullNode();
	}

	/**
	 * A subgraph may answer an enum value the client's schema does not have (one only
	 * that subgraph defines, or an {@code @inaccessible} one): like a GraphQL server
	 * serializing it, the gateway answers null with an error instead.
	 */
	private JsonNode leaf(JsonNode value, GraphQLOutputType type) {
		if (this.apiSchema.getType(GraphQLTypeUtil.unwrapAll(type).getName()) instanceof GraphQLEnumType enumType
				&& (!value.isString() || enumType.getValue(value.stringValue()) == null)) {
			ObjectNode error = ExecutionState.NODES.objectNode();
			error.put("message", "Enum \"" + enumType.getName() + "\" cannot represent value: " + value);
			error.set("path", errorPath());
			this.errors.add(error);
			this.explained.add(List.copyOf(this.path));
			return ExecutionState.NODES.nullNode();
		}
		return value;
	}

	private ArrayNode errorPath() {
		ArrayNode errorPath = ExecutionState.NODES.arrayNode();
		this.path.forEach((segment) -> {
			if (segment instanceof Integer index) {
				errorPath.add(index);
			}
			else {
				errorPath.add(segment.toString());
			}
		});
		return errorPath;
	}

	private void nullError(Field field, String parentType) {
		for (List<Object> known : this.explained) {
			if (isPrefix(known, this.path)) {
				return;
			}
		}
		ObjectNode error = ExecutionState.NODES.objectNode();
		error.put("message", "Cannot return null for non-nullable field " + parentType + "." + field.name() + ".");
		error.set("path", errorPath());
		this.errors.add(error);
		this.explained.add(List.copyOf(this.path));
	}

	private static boolean isPrefix(List<Object> prefix, List<Object> path) {
		if (prefix.size() > path.size()) {
			return false;
		}
		for (int i = 0; i < prefix.size(); i++) {
			if (!prefix.get(i).equals(path.get(i))) {
				return false;
			}
		}
		return true;
	}

}
