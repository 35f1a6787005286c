package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import graphql.language.AstPrinter;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

/**
 * Merges what flows into subgraphs: arguments and input types keep only what every
 * subgraph declares (a required one missing somewhere is an error) with the most
 * restrictive type; enums take the union of values when only returned, the intersection
 * when only accepted, and must agree when both.
 */
final class InputMerger {

	private final TypeCompatibility compatibility;

	private final List<CompositionError> errors;

	private final Map<String, String> inputUse = new LinkedHashMap<>();

	private final Map<String, String> outputUse = new LinkedHashMap<>();

	InputMerger(List<SubgraphModel> subgraphs, TypeCompatibility compatibility, List<CompositionError> errors) {
		this.compatibility = compatibility;
		this.errors = errors;
		for (SubgraphModel subgraph : subgraphs) {
			for (SubType type : subgraph.types().values()) {
				for (SubField field : type.fields.values()) {
					if (field.type == null) {
						continue;
					}
					String coordinate = type.name + "." + field.name;
					Map<String, String> use = (type.kind == Kind.INPUT) ? this.inputUse : this.outputUse;
					use.putIfAbsent(TypeRefs.named(field.type), coordinate);
					field.arguments.forEach((a) -> this.inputUse.putIfAbsent(TypeRefs.named(a.type()),
							coordinate + "(" + a.name + ":)"));
				}
			}
		}
	}

	void mergeArguments(String typeName, MergedField field) {
		String coordinate = typeName + "." + field.name;
		Map<String, Map<String, SubField>> byName = new LinkedHashMap<>();
		field.sources.forEach((graph, source) -> source.arguments
			.forEach((a) -> byName.computeIfAbsent(a.name, (k) -> new LinkedHashMap<>()).put(graph, a)));
		byName.forEach((name, sources) -> {
			MergedField argument = merge(name, coordinate + "(" + name + ":)", "Argument", sources,
					field.sources.keySet(), "FIELD_ARGUMENT_TYPE_MISMATCH", "FIELD_ARGUMENT_DEFAULT_MISMATCH",
					"REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH", typeName, field.name);
			if (argument != null) {
				field.arguments.add(argument);
			}
		});
	}

	void mergeInputType(MergedType type) {
		Map<String, Map<String, SubField>> byName = new LinkedHashMap<>();
		type.sources.forEach((graph, source) -> source.fields.values()
			.forEach((f) -> byName.computeIfAbsent(f.name, (k) -> new LinkedHashMap<>()).put(graph, f)));
		byName.forEach((name, sources) -> {
			MergedField field = merge(name, type.name + "." + name, "Input object field", sources,
					type.sources.keySet(), "FIELD_TYPE_MISMATCH", "INPUT_FIELD_DEFAULT_MISMATCH",
					"REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH", type.name, name);
			if (field != null) {
				type.fields.put(name, field);
			}
		});
		if (type.fields.isEmpty()) {
			this.errors.add(new CompositionError("EMPTY_MERGED_INPUT_TYPE", "None of the fields of input object type \""
					+ type.name
					+ "\" are consistently defined in all the subgraphs defining that type. As only fields common to all subgraphs are merged, this would result in an empty type.",
					type.name, null, List.copyOf(type.sources.keySet())));
		}
	}

	private @Nullable MergedField merge(String name, String coordinate, String what, Map<String, SubField> sources,
			Set<String> owners, String typeCode, String defaultCode, String missingCode, String typeName,
			String fieldName) {
		if (sources.size() < owners.size()) {
			List<String> required = sources.entrySet()
				.stream()
				.filter((e) -> e.getValue().type() instanceof NonNullType && e.getValue().defaultValue == null)
				.map(Map.Entry::getKey)
				.toList();
			if (!required.isEmpty()) {
				List<String> missing = owners.stream().filter((o) -> !sources.containsKey(o)).toList();
				this.errors.add(new CompositionError(missingCode, what + " \"" + coordinate
						+ "\" is required in some subgraphs but does not appear in all subgraphs: it is required in "
						+ Names.subgraphs(required) + " but does not appear in " + Names.subgraphs(missing), typeName,
						fieldName, List.copyOf(owners)));
			}
			return null;
		}
		MergedField merged = new MergedField(name);
		merged.sources.putAll(sources);
		List<Type<?>> types = new ArrayList<>();
		List<String> defaults = new ArrayList<>();
		sources.values().forEach((source) -> {
			types.add(source.type());
			merged.description = (merged.description != null) ? merged.description : source.description;
			merged.inaccessible |= source.inaccessible;
			merged.tags.addAll(source.tags);
			if (merged.carried.isEmpty()) {
				merged.carried.addAll(source.carried);
			}
			if (source.defaultValue != null) {
				merged.defaultValue = (merged.defaultValue != null) ? merged.defaultValue : source.defaultValue;
				defaults.add(print(source.defaultValue) + " in subgraph \"" + graphOf(sources, source) + "\"");
			}
		});
		merged.typesEqual = types.stream().map(TypeRefs::print).distinct().count() == 1;
		merged.type = this.compatibility.mergeInput(types);
		if (merged.type == null) {
			merged.type = types.get(0);
			List<String> parts = new ArrayList<>();
			sources.forEach((graph, source) -> parts
				.add("type \"" + TypeRefs.print(source.type()) + "\" in subgraph \"" + graph + "\""));
			this.errors.add(new CompositionError(typeCode,
					"Type of " + what.toLowerCase() + " \"" + coordinate
							+ "\" is incompatible across subgraphs: it has " + String.join(" but ", parts),
					typeName, fieldName, List.copyOf(sources.keySet())));
		}
		if (sources.values()
			.stream()
			.map((s) -> (s.defaultValue != null) ? print(s.defaultValue) : null)
			.filter(Objects::nonNull)
			.distinct()
			.count() > 1) {
			this.errors.add(new CompositionError(defaultCode,
					what + " \"" + coordinate
							+ "\" has incompatible default values across subgraphs: it has default value "
							+ String.join(" and ", defaults),
					typeName, fieldName, List.copyOf(sources.keySet())));
		}
		return merged;
	}

	void mergeEnum(MergedType type) {
		type.sources.forEach((graph, source) -> source.fields.values().forEach((value) -> {
			MergedField merged = type.fields.computeIfAbsent(value.name, MergedField::new);
			merged.sources.put(graph, value);
			merged.description = (merged.description != null) ? merged.description : value.description;
			merged.inaccessible |= value.inaccessible;
			merged.tags.addAll(value.tags);
			if (merged.carried.isEmpty()) {
				merged.carried.addAll(value.carried);
			}
		}));
		String input = this.inputUse.get(type.name);
		String output = this.outputUse.get(type.name);
		if (input == null) {
			return;
		}
		List<String> partial = type.fields.values()
			.stream()
			.filter((v) -> v.sources.size() < type.sources.size())
			.map((v) -> v.name)
			.toList();
		if (output != null) {
			for (String value : partial) {
				MergedField merged = type.fields.get(value);
				List<String> missing = type.sources.keySet()
					.stream()
					.filter((g) -> !merged.sources.containsKey(g))
					.toList();
				this.errors.add(new CompositionError("ENUM_VALUE_MISMATCH",
						"Enum type \"" + type.name + "\" is used as both input type (for example, as type of \"" + input
								+ "\") and output type (for example, as type of \"" + output + "\"), but value \""
								+ value + "\" is not defined in all the subgraphs defining \"" + type.name + "\": \""
								+ value + "\" is defined in " + Names.subgraphs(merged.sources.keySet())
								+ " but not in " + Names.subgraphs(missing),
						type.name, value, List.copyOf(type.sources.keySet())));
			}
			return;
		}
		partial.forEach(type.fields::remove);
		if (type.fields.isEmpty()) {
			this.errors.add(new CompositionError("EMPTY_MERGED_ENUM_TYPE", "None of the values of enum type \""
					+ type.name
					+ "\" are defined consistently in all the subgraphs defining that type. As only values common to all subgraphs are merged (because \""
					+ type.name + "\" is used only as input type), this would result in an empty type.", type.name,
					null, List.copyOf(type.sources.keySet())));
		}
	}

	private static String graphOf(Map<String, SubField> sources, SubField source) {
		return sources.entrySet().stream().filter((e) -> e.getValue() == source).findFirst().orElseThrow().getKey();
	}

	private static String print(Value<?> value) {
		return AstPrinter.printAstCompact(value);
	}

}
