package dev.zielwerk.gateway.composition;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import graphql.language.Field;
import org.jspecify.annotations.Nullable;

/**
 * Checks the federation directives of one subgraph on their own: {@code @key},
 * {@code @requires} and {@code @provides} field sets parse and select existing fields,
 * {@code @external} fields are used, {@code @override} does not point at its own
 * subgraph, entity interfaces and {@code @interfaceObject} have keys, and every type a
 * field names exists. Records which fields keys select and which external fields are
 * provided.
 */
final class SubgraphValidator {

	private final SubgraphModel subgraph;

	private final List<CompositionError> errors;

	private final Set<String> usedExternals = new HashSet<>();

	private SubgraphValidator(SubgraphModel subgraph, List<CompositionError> errors) {
		this.subgraph = subgraph;
		this.errors = errors;
	}

	static void validate(SubgraphModel subgraph, List<CompositionError> errors) {
		new SubgraphValidator(subgraph, errors).validate();
	}

	private void validate() {
		// keys first: @provides may select key fields of types declared later
		this.subgraph.types().values().stream().filter(SubType::isComposite).forEach(this::keys);
		if (this.subgraph.federation1()) {
			upgradeFederation1();
		}
		for (SubType type : this.subgraph.types().values()) {
			if (type.kind == Kind.INPUT) {
				type.fields.values().forEach((field) -> knownType(type, field));
			}
			if (!type.isComposite()) {
				continue;
			}
			entityInterface(type);
			for (SubField field : type.fields.values()) {
				knownType(type, field);
				field.arguments.forEach((argument) -> knownType(type, argument));
				requires(type, field);
				provides(type, field);
				override(type, field);
			}
		}
		if (this.subgraph.federation1()) {
			return;
		}
		for (SubType type : this.subgraph.types().values()) {
			for (SubField field : type.fields.values()) {
				String coordinate = type.name + "." + field.name;
				if (type.isComposite() && field.external && !this.usedExternals.contains(coordinate)
						&& !this.subgraph.keyFields().contains(coordinate)) {
					error("EXTERNAL_UNUSED", "Field \"" + coordinate
							+ "\" is marked @external but is not used in any federation directive (@key, @provides, @requires) or to satisfy an interface; the field declaration has no use and should be removed (or the field should not be @external).",
							type, field);
				}
			}
		}
	}

	/**
	 * Federation 1 marked key fields of extended entities {@code @external} and extended
	 * the entity; as Apollo's upgrade of Federation 1 subgraphs does, the key fields are
	 * the subgraph's own and the type is not an extension.
	 */
	private void upgradeFederation1() {
		for (SubType type : this.subgraph.types().values()) {
			type.extension = false;
			for (SubField field : type.fields.values()) {
				if (field.external && this.subgraph.keyFields().contains(type.name + "." + field.name)) {
					field.external = false;
				}
			}
		}
	}

	private void keys(SubType type) {
		for (SubType.Key key : type.keys) {
			String problem = FieldSets.walk(this.subgraph, type, key.fields(), (parent, field, selection, top) -> {
				if (!selection.getArguments().isEmpty() || !field.arguments.isEmpty()) {
					return "field \"" + parent.name + "." + field.name + "\" has arguments";
				}
				SubType fieldType = this.subgraph.type(TypeRefs.named(field.type()));
				if (fieldType != null && (fieldType.kind == Kind.INTERFACE || fieldType.kind == Kind.UNION)) {
					return "field \"" + parent.name + "." + field.name + "\" is a " + fieldType.kind.label()
							+ " which is not allowed in @key";
				}
				this.subgraph.keyFields().add(parent.name + "." + field.name);
				return null;
			});
			if (problem != null) {
				String code = problem.contains("has arguments") ? "KEY_FIELDS_HAS_ARGS"
						: problem.contains("not allowed in @key") ? "KEY_FIELDS_SELECT_INVALID_TYPE"
								: "KEY_INVALID_FIELDS";
				error(code, "On type \"" + type.name + "\", for @key(fields: \"" + key.fields() + "\"): " + problem,
						type, null);
			}
		}
		if (type.interfaceObject && type.keys.isEmpty()) {
			error("INTERFACE_OBJECT_USAGE_ERROR",
					"The @interfaceObject directive can only be applied to entity types but type \"" + type.name
							+ "\" has no @key in this subgraph.",
					type, null);
		}
	}

	private void entityInterface(SubType type) {
		if (type.kind != Kind.INTERFACE || type.keys.isEmpty()) {
			return;
		}
		for (SubType implementation : this.subgraph.types().values()) {
			if (implementation.kind != Kind.OBJECT || !implementation.interfaces.contains(type.name)) {
				continue;
			}
			Set<String> implementationKeys = new HashSet<>();
			implementation.keys.forEach((k) -> implementationKeys.add(FieldSets.normalize(k.fields())));
			for (SubType.Key key : type.keys) {
				if (!implementationKeys.contains(FieldSets.normalize(key.fields()))) {
					error("INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
							"Key @key(fields: \"" + key.fields() + "\") on interface type \"" + type.name
									+ "\" is missing on implementation type \"" + implementation.name + "\".",
							implementation, null);
				}
			}
		}
	}

	private void requires(SubType type, SubField field) {
		if (field.requires == null) {
			return;
		}
		String problem = FieldSets.walk(this.subgraph, type, field.requires, (parent, selected, selection, top) -> {
			if (top && !selected.external) {
				return "field \"" + parent.name + "." + selected.name
						+ "\" should not be part of a @requires since it is already provided by this subgraph (it is not marked @external)";
			}
			if (top) {
				this.usedExternals.add(parent.name + "." + selected.name);
			}
			return null;
		});
		if (problem != null) {
			String code = problem.contains("not marked @external") ? "REQUIRES_FIELDS_MISSING_EXTERNAL"
					: "REQUIRES_INVALID_FIELDS";
			error(code, "On field \"" + type.name + "." + field.name + "\", for @requires(fields: \"" + field.requires
					+ "\"): " + problem, type, field);
		}
	}

	private void provides(SubType type, SubField field) {
		if (field.provides == null) {
			return;
		}
		SubType target = this.subgraph.type(TypeRefs.named(field.type()));
		if (target == null || !target.isComposite()) {
			error("PROVIDES_ON_NON_OBJECT_FIELD",
					"Invalid @provides directive on field \"" + type.name + "." + field.name + "\": field has type \""
							+ TypeRefs.print(field.type()) + "\" which is not a Composite Type",
					type, field);
			return;
		}
		String problem = FieldSets.walk(this.subgraph, target, field.provides, (parent, selected, selection, top) -> {
			String coordinate = parent.name + "." + selected.name;
			if (top && !selected.external && !this.subgraph.keyFields().contains(coordinate)) {
				return "field \"" + coordinate
						+ "\" should not be part of a @provides since it is already provided by this subgraph (it is not marked @external)";
			}
			if (selected.external) {
				this.usedExternals.add(coordinate);
				this.subgraph.providedFields().add(coordinate);
			}
			return null;
		});
		if (problem != null) {
			String code = problem.contains("not marked @external") ? "PROVIDES_FIELDS_MISSING_EXTERNAL"
					: "PROVIDES_INVALID_FIELDS";
			error(code, "On field \"" + type.name + "." + field.name + "\", for @provides(fields: \"" + field.provides
					+ "\"): " + problem, type, field);
		}
	}

	private void override(SubType type, SubField field) {
		if (field.override == null) {
			return;
		}
		if (field.override.equals(this.subgraph.name())) {
			error("OVERRIDE_FROM_SELF_ERROR", "Source and destination subgraphs \"" + field.override
					+ "\" are the same for overridden field \"" + type.name + "." + field.name + "\"", type, field);
		}
		if (field.external) {
			error("OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
					"@override cannot be used on field \"" + type.name + "." + field.name + "\" on subgraph \""
							+ this.subgraph.name() + "\" since \"" + type.name + "." + field.name + "\" on \""
							+ this.subgraph.name() + "\" is marked with directive \"@external\"",
					type, field);
		}
	}

	private void knownType(SubType owner, SubField field) {
		String named = TypeRefs.named(field.type());
		if (!TypeRefs.isBuiltInScalar(named) && this.subgraph.type(named) == null) {
			error("INVALID_GRAPHQL",
					"Unknown type \"" + named + "\" (used by \"" + owner.name + "." + field.name + "\").", owner,
					field);
		}
	}

	private void error(String code, String message, SubType type, @Nullable SubField field) {
		this.errors.add(new CompositionError(code, "[" + this.subgraph.name() + "] " + message, type.name,
				(field != null) ? field.name : null, List.of(this.subgraph.name())));
	}

}
