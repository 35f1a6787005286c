package dev.zielwerk.gateway.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zielwerk.gateway.operation.Field;
import dev.zielwerk.gateway.operation.Operation;
import dev.zielwerk.gateway.operation.SelectionSet;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The authorization decision for one operation and one kind of caller: the operation to
 * plan (without the denied fields, or null when no root field is left) and how to answer
 * the denied fields. Immutable, so it is cached with the plan.
 */
public final class Authorization {

	/** The error code of a denied field. */
	public static final String CODE = "FORBIDDEN";

	/**
	 * Response key of the {@code __typename} added where fields were taken out: the
	 * answer needs each object's type, and the client did not ask for this key, so it is
	 * removed again.
	 */
	static final String HIDDEN_TYPENAME = "__zielwerk_authz_typename";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Operation original;

	private final @Nullable Operation allowed;

	private final Set<Field> denied;

	private final boolean partner;

	private final boolean reject;

	Authorization(Operation original, @Nullable Operation allowed, Set<Field> denied, boolean partner, boolean reject) {
		this.original = original;
		this.allowed = allowed;
		this.denied = denied;
		this.partner = partner;
		this.reject = reject;
	}

	/**
	 * The operation to plan and execute.
	 * @return the allowed part, or null when nothing is left to fetch
	 */
	public @Nullable Operation allowed() {
		return this.allowed;
	}

	/**
	 * Whether the whole operation is refused ({@code reject-unauthorized} and a field was
	 * denied).
	 * @return true to answer {@link #rejection()} instead of executing
	 */
	public boolean rejected() {
		return this.reject;
	}

	/**
	 * Refuses an operation that cannot be answered in part (a subscription whose root
	 * field is denied) with this decision's FORBIDDEN errors.
	 * @return the exception to signal
	 */
	public OperationForbiddenException forbidden() {
		return new OperationForbiddenException(rejection());
	}

	public boolean deniedAnything() {
		return !this.denied.isEmpty();
	}

	/**
	 * The answer to a refused operation: one FORBIDDEN error per denied field, with the
	 * field's path in the operation, and no data.
	 * @return the response
	 */
	public ObjectNode rejection() {
		ObjectNode response = NODES.objectNode();
		ArrayNode errors = response.putArray("errors");
		collect(this.original.selectionSet(), new ArrayList<>(), errors);
		return response;
	}

	private void collect(SelectionSet selection, List<Object> path, ArrayNode errors) {
		selection.byType().forEach((type, fields) -> {
			for (Field field : fields) {
				path.add(field.responseKey());
				if (this.denied.contains(field)) {
					errors.add(error(type, field, path));
				}
				else if (field.selectionSet() != null) {
					collect(field.selectionSet(), path, errors);
				}
				path.remove(path.size() - 1);
			}
		});
	}

	/**
	 * Completes an answer to the allowed operation: every denied field is put back as
	 * null, in its place among the fields the client asked for, with a FORBIDDEN error at
	 * its exact path; a denied non-null field nulls its parent, as GraphQL's null
	 * propagation does.
	 * @param response the executor's response (changed in place)
	 * @return the response
	 */
	public ObjectNode complete(ObjectNode response) {
		ArrayNode errors = NODES.arrayNode();
		JsonNode data = response.get("data");
		if (data instanceof ObjectNode root) {
			ObjectNode rebuilt = object(root, this.original.selectionSet(), new ArrayList<>(), errors);
			response.set("data", (rebuilt != null) ? rebuilt : NODES.nullNode());
		}
		if (!errors.isEmpty()) {
			ArrayNode all = (response.get("errors") instanceof ArrayNode existing) ? existing
					: response.putArray("errors");
			all.addAll(errors);
		}
		return response;
	}

	/**
	 * Returns the object with the client's fields in the client's order, or null when it
	 * must become null.
	 */
	private @Nullable ObjectNode object(ObjectNode source, SelectionSet selection, List<Object> path,
			ArrayNode errors) {
		String type = typeOf(source, selection);
		if (type == null) {
			source.remove(HIDDEN_TYPENAME);
			return source;
		}
		ObjectNode out = NODES.objectNode();
		boolean nullify = false;
		for (Field field : selection.fields(type)) {
			String key = field.responseKey();
			path.add(key);
			if (this.denied.contains(field)) {
				out.putNull(key);
				errors.add(error(type, field, path));
				nullify |= field.type() instanceof GraphQLNonNull;
			}
			else if (source.has(key)) {
				JsonNode value = source.get(key);
				SelectionSet children = field.selectionSet();
				JsonNode completed = (children == null || value.isNull()) ? value
						: value(value, field.type(), children, path, errors);
				if (completed == null) {
					out.putNull(key);
					nullify |= field.type() instanceof GraphQLNonNull;
				}
				else {
					out.set(key, completed);
				}
			}
			path.remove(path.size() - 1);
		}
		return nullify ? null : out;
	}

	private @Nullable JsonNode value(JsonNode value, GraphQLType type, SelectionSet selection, List<Object> path,
			ArrayNode errors) {
		GraphQLType unwrapped = (type instanceof GraphQLNonNull nonNull) ? nonNull.getWrappedType() : type;
		if (value instanceof ArrayNode list && unwrapped instanceof GraphQLList listType) {
			GraphQLType item = listType.getWrappedType();
			ArrayNode out = NODES.arrayNode();
			for (int i = 0; i < list.size(); i++) {
				path.add(i);
				JsonNode element = list.get(i);
				JsonNode completed = element.isNull() ? element : value(element, item, selection, path, errors);
				path.remove(path.size() - 1);
				if (completed == null) {
					if (item instanceof GraphQLNonNull) {
						return null;
					}
					out.addNull();
				}
				else {
					out.add(completed);
				}
			}
			return out;
		}
		if (value instanceof ObjectNode object) {
			return object(object, selection, path, errors);
		}
		return value;
	}

	private static @Nullable String typeOf(ObjectNode source, SelectionSet selection) {
		Map<String, List<Field>> byType = selection.byType();
		if (byType.size() == 1) {
			return byType.keySet().iterator().next();
		}
		JsonNode typename = source.get(HIDDEN_TYPENAME);
		if (typename == null || !typename.isString()) {
			typename = source.get(Field.TYPENAME);
		}
		return (typename != null && typename.isString() && byType.containsKey(typename.asString()))
				? typename.asString() : null;
	}

	private ObjectNode error(String type, Field field, List<Object> path) {
		ObjectNode error = NODES.objectNode();
		String coordinate = type + "." + field.name();
		error.put("message",
				this.partner ? "Partner callers may not access " + coordinate + ": it is not shared with partners."
						: "Not authorized to access " + coordinate + ".");
		ArrayNode where = error.putArray("path");
		path.forEach((step) -> {
			if (step instanceof Integer index) {
				where.add(index);
			}
			else {
				where.add(step.toString());
			}
		});
		error.putObject("extensions").put("code", CODE);
		return error;
	}

}
