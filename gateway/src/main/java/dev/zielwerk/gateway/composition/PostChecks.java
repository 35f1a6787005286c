package dev.zielwerk.gateway.composition;

import java.util.List;
import java.util.Map;

import graphql.language.NonNullType;

/**
 * Checks on the merged supergraph: there are queries, implementations have every field of
 * their interfaces, and {@code @inaccessible} leaves a consistent API schema (no
 * accessible element referring to an inaccessible type, no type whose fields are all
 * inaccessible, no inaccessible required argument).
 */
final class PostChecks {

	private PostChecks() {
	}

	static void check(Map<String, MergedType> types, List<CompositionError> errors) {
		MergedType query = types.get("Query");
		if (query == null || query.fields.isEmpty()) {
			errors.add(new CompositionError("NO_QUERIES",
					"No queries found in any subgraph: a supergraph must have a query root type.", null, null,
					List.of()));
		}
		for (MergedType type : types.values()) {
			if (type.kind == Kind.OBJECT || type.kind == Kind.INTERFACE) {
				interfaces(type, types, errors);
			}
			if (type.inaccessible) {
				continue;
			}
			if ((type.kind == Kind.OBJECT || type.kind == Kind.INTERFACE || type.kind == Kind.INPUT
					|| type.kind == Kind.ENUM) && !type.fields.isEmpty()
					&& type.fields.values().stream().allMatch((f) -> f.inaccessible)) {
				errors.add(new CompositionError("ONLY_INACCESSIBLE_CHILDREN",
						"Type \"" + type.name + "\" is in the API schema but all of its "
								+ ((type.kind == Kind.ENUM) ? "values" : "fields") + " are @inaccessible.",
						type.name, null, List.copyOf(type.sources.keySet())));
			}
			for (MergedField field : type.fields.values()) {
				if (field.inaccessible || field.type == null) {
					continue;
				}
				referenced(type, field, field.type == null ? "" : TypeRefs.named(field.type()),
						type.name + "." + field.name, types, errors);
				for (MergedField argument : field.arguments) {
					String coordinate = type.name + "." + field.name + "(" + argument.name + ":)";
					if (argument.inaccessible) {
						if (argument.type() instanceof NonNullType && argument.defaultValue == null) {
							errors.add(new CompositionError("REQUIRED_INACCESSIBLE",
									"Argument \"" + coordinate
											+ "\" is @inaccessible but is a required argument of its field.",
									type.name, field.name, List.copyOf(argument.sources.keySet())));
						}
						continue;
					}
					referenced(type, field, TypeRefs.named(argument.type()), coordinate, types, errors);
				}
			}
		}
	}

	private static void referenced(MergedType type, MergedField field, String named, String coordinate,
			Map<String, MergedType> types, List<CompositionError> errors) {
		MergedType target = types.get(named);
		if (target != null && target.inaccessible) {
			errors.add(new CompositionError("REFERENCED_INACCESSIBLE",
					"Type \"" + named + "\" is @inaccessible but is referenced by \"" + coordinate
							+ "\", which is in the API schema.",
					type.name, field.name, List.copyOf(target.sources.keySet())));
		}
	}

	private static void interfaces(MergedType type, Map<String, MergedType> types, List<CompositionError> errors) {
		type.interfaces.forEach((name, graphs) -> {
			MergedType iface = types.get(name);
			if (iface == null) {
				return;
			}
			for (MergedField field : iface.fields.values()) {
				if (!type.fields.containsKey(field.name)) {
					errors.add(new CompositionError("INTERFACE_FIELD_NO_IMPLEM",
							"Interface field \"" + name + "." + field.name + "\" is declared in "
									+ Names.subgraphs(field.sources.keySet()) + " but type \"" + type.name
									+ "\", which implements \"" + name + "\" in " + Names.subgraphs(graphs)
									+ ", does not have field \"" + field.name + "\".",
							type.name, field.name, List.copyOf(field.sources.keySet())));
				}
			}
		});
	}

}
