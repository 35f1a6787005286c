package dev.zielwerk.gateway.authz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.zielwerk.gateway.operation.Field;
import dev.zielwerk.gateway.operation.Operation;
import dev.zielwerk.gateway.operation.SelectionSet;
import dev.zielwerk.gateway.supergraph.AccessRule;
import dev.zielwerk.gateway.supergraph.AccessRules;
import dev.zielwerk.identity.CallerIdentity;
import graphql.Scalars;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * Decides, field by field, what a caller may see of a normalized operation. A field is
 * allowed when the caller satisfies, all at once, the rule on the field, the rules on the
 * interfaces' declarations of it, the rule on its parent object type and the rule on the
 * type it returns: {@code @authenticated} needs a caller with credentials,
 * {@code @requiresScopes} one of its scope sets. A partner caller is denied every field
 * whose rules do not name the partner scope in some scope set: deny by default, so a
 * field added to the schema is never shared with partners by accident. {@code __typename}
 * and introspection are always allowed (introspection has its own switch).
 */
public final class Authorizer {

	private final AccessRules rules;

	private final GraphQLSchema schema;

	private final boolean rejectUnauthorized;

	/**
	 * @param rules the supergraph's rules
	 * @param schema the full schema the operation was normalized against
	 * @param rejectUnauthorized refuse the whole operation when a field is denied
	 */
	public Authorizer(AccessRules rules, GraphQLSchema schema, boolean rejectUnauthorized) {
		this.rules = rules;
		this.schema = schema;
		this.rejectUnauthorized = rejectUnauthorized;
	}

	/**
	 * Whether the operation of this caller needs checking at all: only when the
	 * supergraph has rules or the caller is a partner (denied by default).
	 * @param caller the caller
	 * @return true when {@link #authorize} can deny something
	 */
	public boolean applies(CallerIdentity caller) {
		return this.rules.any() || caller.isPartner();
	}

	/**
	 * What of the caller decides authorization: callers with the same fingerprint get the
	 * same decisions, so decisions (and plans) can be cached by it.
	 * @param caller the caller
	 * @return the fingerprint
	 */
	public String fingerprint(CallerIdentity caller) {
		return (caller.isAnonymous() ? "anonymous" : "authenticated") + (caller.isPartner() ? "+partner" : "") + ":"
				+ String.join(" ", new TreeSet<>(caller.scopes()));
	}

	/**
	 * Takes out of an operation what the caller may not see.
	 * @param operation the normalized operation
	 * @param caller the caller
	 * @return the decision, with the operation to plan
	 */
	public Authorization authorize(Operation operation, CallerIdentity caller) {
		Set<Field> denied = Collections.newSetFromMap(new IdentityHashMap<>());
		SelectionSet allowed = filter(operation.selectionSet(), caller, denied);
		Operation filtered = new Operation(operation.kind(), operation.name(), operation.rootType(), allowed,
				operation.variableDefinitions());
		boolean nothingLeft = allowed.fields(operation.rootType())
			.stream()
			.allMatch((f) -> f.responseKey().equals(Authorization.HIDDEN_TYPENAME));
		return new Authorization(operation, nothingLeft ? null : filtered, denied, caller.isPartner(),
				this.rejectUnauthorized && !denied.isEmpty());
	}

	private SelectionSet filter(SelectionSet selection, CallerIdentity caller, Set<Field> denied) {
		Map<String, List<Field>> byType = new LinkedHashMap<>();
		boolean denials = false;
		for (Map.Entry<String, List<Field>> entry : selection.byType().entrySet()) {
			List<Field> kept = new ArrayList<>();
			for (Field field : entry.getValue()) {
				if (!allowed(entry.getKey(), field, caller)) {
					denied.add(field);
					denials = true;
					continue;
				}
				SelectionSet children = field.selectionSet();
				kept.add((children == null) ? field : new Field(field.responseKey(), field.name(), field.arguments(),
						field.type(), filter(children, caller, denied)));
			}
			byType.put(entry.getKey(), kept);
		}
		if (denials) {
			// the answer must show each object's type to put the nulls where they
			// belong (when the selection is on an abstract type), and a selection must
			// not end up empty
			boolean abstractType = byType.size() > 1;
			byType.replaceAll((type, fields) -> {
				if (!abstractType && !fields.isEmpty()) {
					return fields;
				}
				List<Field> withTypename = new ArrayList<>(fields);
				withTypename.add(new Field(Authorization.HIDDEN_TYPENAME, Field.TYPENAME, List.of(),
						GraphQLNonNull.nonNull(Scalars.GraphQLString), null));
				return withTypename;
			});
		}
		return new SelectionSet(byType);
	}

	private boolean allowed(String typeName, Field field, CallerIdentity caller) {
		if (field.isTypename() || field.isIntrospection()) {
			return true;
		}
		AccessRule rule = rule(typeName, field);
		if (caller.isPartner() && !admitsPartners(rule)) {
			return false;
		}
		if (rule.authenticated() && caller.isAnonymous()) {
			return false;
		}
		return rule.scopesSatisfiedBy(caller.scopes());
	}

	/**
	 * Every rule that applies to a field of an object type.
	 * @param typeName the object type
	 * @param field the field
	 * @return the combined rule
	 */
	AccessRule rule(String typeName, Field field) {
		AccessRule rule = this.rules.field(typeName, field.name())
			.and(this.rules.type(typeName))
			.and(this.rules.type(field.namedType()));
		if (this.schema.getType(typeName) instanceof GraphQLObjectType object) {
			for (GraphQLNamedOutputType iface : object.getInterfaces()) {
				if (iface instanceof GraphQLInterfaceType type) {
					GraphQLFieldDefinition declared = type.getFieldDefinition(field.name());
					if (declared != null) {
						rule = rule.and(this.rules.field(type.getName(), field.name()));
					}
				}
			}
		}
		return rule;
	}

	private static boolean admitsPartners(AccessRule rule) {
		return rule.scopes().stream().anyMatch((set) -> set.contains(CallerIdentity.PARTNER_SCOPE));
	}

}
