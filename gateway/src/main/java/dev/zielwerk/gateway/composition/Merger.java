package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Type;

/**
 * Merges the types of all subgraphs into the supergraph's types: kinds must agree (an
 * {@code @interfaceObject} stands for an interface), object and interface fields are the
 * union of the subgraphs' fields with their types merged, fields resolved by several
 * subgraphs must be shareable in each, {@code @override} takes a field away from its
 * source, unions take every member, enums and input types follow {@link InputMerger}.
 */
final class Merger {

	private final List<SubgraphModel> subgraphs;

	private final Map<String, SubgraphModel> byName = new LinkedHashMap<>();

	private final List<CompositionError> errors;

	private final Map<String, MergedType> types = new LinkedHashMap<>();

	private final InputMerger inputs;

	private final TypeCompatibility compatibility;

	Merger(List<SubgraphModel> subgraphs, List<CompositionError> errors) {
		this.subgraphs = subgraphs;
		this.errors = errors;
		subgraphs.forEach((s) -> this.byName.put(s.name(), s));
		Map<String, Set<String>> supertypes = new LinkedHashMap<>();
		for (SubgraphModel subgraph : subgraphs) {
			for (SubType type : subgraph.types().values()) {
				type.interfaces
					.forEach((i) -> supertypes.computeIfAbsent(type.name, (k) -> new LinkedHashSet<>()).add(i));
				type.members.forEach((m) -> supertypes.computeIfAbsent(m, (k) -> new LinkedHashSet<>()).add(type.name));
			}
		}
		this.compatibility = new TypeCompatibility(supertypes);
		this.inputs = new InputMerger(subgraphs, this.compatibility, errors);
	}

	Map<String, MergedType> merge() {
		group();
		for (MergedType type : this.types.values()) {
			type.sources.values().forEach((source) -> {
				type.description = (type.description != null) ? type.description : source.description;
				type.inaccessible |= source.inaccessible;
				type.authenticated |= source.authenticated;
				type.requiresScopes = AuthorizationDirectives.conjunction(type.requiresScopes, source.requiresScopes);
				type.tags.addAll(source.tags);
				if (type.carried.isEmpty()) {
					type.carried.addAll(source.carried);
				}
			});
			switch (type.kind) {
				case OBJECT, INTERFACE -> composite(type);
				case UNION ->
					type.sources.forEach((graph, source) -> source.members.forEach((m) -> type.addMember(m, graph)));
				case ENUM -> this.inputs.mergeEnum(type);
				case INPUT -> this.inputs.mergeInputType(type);
				case SCALAR -> {
				}
			}
		}
		InterfaceObjects.apply(this.types, this.errors);
		return this.types;
	}

	private void group() {
		Set<String> mismatched = new LinkedHashSet<>();
		for (SubgraphModel subgraph : this.subgraphs) {
			for (SubType source : subgraph.types().values()) {
				MergedType type = this.types.computeIfAbsent(source.name, (n) -> new MergedType(n, source.kind));
				Kind kind = source.kind;
				if (kind == type.kind) {
					type.sources.put(subgraph.name(), source);
				}
				else if (kind == Kind.INTERFACE && allInterfaceObjects(type)) {
					type.kind = Kind.INTERFACE;
					type.sources.put(subgraph.name(), source);
				}
				else if (kind == Kind.OBJECT && source.interfaceObject && type.kind == Kind.INTERFACE) {
					type.sources.put(subgraph.name(), source);
				}
				else if (mismatched.add(type.name)) {
					String first = type.sources.keySet().iterator().next();
					this.errors.add(new CompositionError("TYPE_KIND_MISMATCH",
							"Type \"" + type.name + "\" has mismatched kind: it is defined as " + type.kind.label()
									+ " in subgraph \"" + first + "\" but " + kind.label() + " in subgraph \""
									+ subgraph.name() + "\"",
							type.name, null, List.of(first, subgraph.name())));
				}
			}
		}
	}

	private static boolean allInterfaceObjects(MergedType type) {
		return type.kind == Kind.OBJECT && type.sources.values().stream().allMatch((s) -> s.interfaceObject);
	}

	private void composite(MergedType type) {
		type.sources.forEach((graph, source) -> {
			if (!source.interfaceObject) {
				source.interfaces.forEach((i) -> type.addInterface(i, graph));
			}
			source.fields.values()
				.forEach(
						(field) -> type.fields.computeIfAbsent(field.name, MergedField::new).sources.put(graph, field));
		});
		for (MergedField field : type.fields.values()) {
			field.sources.values().forEach((source) -> {
				field.description = (field.description != null) ? field.description : source.description;
				field.inaccessible |= source.inaccessible;
				field.authenticated |= source.authenticated;
				field.requiresScopes = AuthorizationDirectives.conjunction(field.requiresScopes, source.requiresScopes);
				field.tags.addAll(source.tags);
				if (field.carried.isEmpty()) {
					field.carried.addAll(source.carried);
				}
			});
			override(type, field);
			fieldType(type, field);
			this.inputs.mergeArguments(type.name, field);
			sharing(type, field);
		}
	}

	private void override(MergedType type, MergedField field) {
		field.sources.forEach((graph, source) -> {
			String from = source.override;
			if (from == null || from.equals(graph) || !field.sources.containsKey(from)) {
				return;
			}
			SubField overridden = field.sources.get(from);
			if (overridden.override != null) {
				this.errors.add(new CompositionError("OVERRIDE_SOURCE_HAS_OVERRIDE",
						"Field \"" + type.name + "." + field.name + "\" on subgraph \"" + graph
								+ "\" is also marked with directive @override in subgraph \"" + from
								+ "\". Only one @override directive is allowed per field.",
						type.name, field.name, List.of(graph, from)));
				return;
			}
			field.overridden.add(from);
			if (this.byName.get(from).keyFields().contains(type.name + "." + field.name)) {
				field.usedOverridden.add(from);
			}
		});
	}

	private void fieldType(MergedType type, MergedField field) {
		List<Type<?>> resolved = new ArrayList<>();
		Set<String> printed = new LinkedHashSet<>();
		field.sources.values().forEach((source) -> {
			if (!source.external) {
				resolved.add(source.type());
			}
			printed.add(TypeRefs.print(source.type()));
		});
		String coordinate = type.name + "." + field.name;
		if (resolved.isEmpty()) {
			if (type.kind == Kind.OBJECT) {
				this.errors.add(new CompositionError("EXTERNAL_MISSING_ON_BASE",
						"Field \"" + coordinate + "\" is marked @external on all the subgraphs in which it is listed ("
								+ Names.subgraphs(field.sources.keySet()) + ").",
						type.name, field.name, List.copyOf(field.sources.keySet())));
			}
			field.type = field.sources.values().iterator().next().type();
			return;
		}
		field.typesEqual = printed.size() == 1;
		field.type = this.compatibility.mergeOutput(resolved);
		if (field.type == null) {
			field.type = resolved.get(0);
			this.errors.add(mismatch("FIELD_TYPE_MISMATCH",
					"Type of field \"" + coordinate + "\" is incompatible across subgraphs: ", type.name, field,
					false));
			return;
		}
		for (SubField source : field.sources.values()) {
			if (source.external && !TypeCompatibility.sameShape(source.type(), field.type)) {
				this.errors.add(mismatch("EXTERNAL_TYPE_MISMATCH",
						"Type of field \"" + coordinate
								+ "\" is incompatible across subgraphs (where marked @external): ",
						type.name, field, true));
				return;
			}
		}
	}

	private CompositionError mismatch(String code, String prefix, String typeName, MergedField field,
			boolean external) {
		Map<String, List<String>> byType = new LinkedHashMap<>();
		field.sources.forEach((graph,
				source) -> byType.computeIfAbsent(TypeRefs.print(source.type()), (k) -> new ArrayList<>()).add(graph));
		List<String> parts = new ArrayList<>();
		byType
			.forEach((printedType, graphs) -> parts.add("type \"" + printedType + "\" in " + Names.subgraphs(graphs)));
		String message = prefix + "it has " + String.join(" but ", parts);
		return new CompositionError(code, message, typeName, field.name, List.copyOf(field.sources.keySet()));
	}

	private void sharing(MergedType type, MergedField field) {
		List<String> resolving = new ArrayList<>();
		List<String> nonShareable = new ArrayList<>();
		String coordinate = type.name + "." + field.name;
		field.sources.forEach((graph, source) -> {
			SubType parent = type.sources.get(graph);
			if (type.kind == Kind.INTERFACE && !parent.interfaceObject) {
				return;
			}
			SubgraphModel subgraph = this.byName.get(graph);
			if (source.external) {
				if (subgraph.providedFields().contains(coordinate)) {
					resolving.add(graph);
				}
				return;
			}
			if (field.overridden.contains(graph)) {
				return;
			}
			resolving.add(graph);
			if (!subgraph.federation1() && !source.shareable && !parent.shareable
					&& !subgraph.keyFields().contains(coordinate)) {
				nonShareable.add(graph);
			}
		});
		if (resolving.size() > 1 && !nonShareable.isEmpty()) {
			this.errors.add(new CompositionError("INVALID_FIELD_SHARING", "Non-shareable field \"" + coordinate
					+ "\" is resolved from multiple subgraphs: it is resolved from " + Names.subgraphs(resolving)
					+ " and defined as non-shareable in "
					+ ((nonShareable.size() == resolving.size()) ? "all of them" : Names.subgraphs(nonShareable)),
					type.name, field.name, resolving));
		}
	}

}
