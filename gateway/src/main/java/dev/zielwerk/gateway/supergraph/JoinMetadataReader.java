package dev.zielwerk.gateway.supergraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValue;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

/**
 * Reads the join spec directives ({@code @join__graph}, {@code @join__type},
 * {@code @join__field}) of a supergraph document into subgraphs and type metadata.
 */
final class JoinMetadataReader {

	private final String join;

	private final Map<String, Subgraph> graphsByEnumValue = new LinkedHashMap<>();

	JoinMetadataReader(String joinPrefix) {
		this.join = joinPrefix + "__";
	}

	Map<String, Subgraph> readGraphs(Document document) {
		for (EnumTypeDefinition definition : document.getDefinitionsOfType(EnumTypeDefinition.class)) {
			if (!definition.getName().equals(this.join + "Graph")) {
				continue;
			}
			definition.getEnumValueDefinitions().forEach((value) -> {
				Directive graph = value.getDirectives(this.join + "graph")
					.stream()
					.findFirst()
					.orElseThrow(() -> new SupergraphException("enum value " + value.getName() + " of "
							+ definition.getName() + " has no @" + this.join + "graph"));
				String name = requiredString(graph, "name", value.getName());
				String url = requiredString(graph, "url", value.getName());
				this.graphsByEnumValue.put(value.getName(), new Subgraph(name, url));
			});
		}
		if (this.graphsByEnumValue.isEmpty()) {
			throw new SupergraphException("the supergraph declares no subgraphs (enum " + this.join + "Graph)");
		}
		Map<String, Subgraph> byName = new LinkedHashMap<>();
		this.graphsByEnumValue.values().forEach((graph) -> byName.put(graph.name(), graph));
		return byName;
	}

	Map<String, TypeMeta> readTypes(Document document) {
		Map<String, TypeMeta> types = new LinkedHashMap<>();
		for (TypeDefinition<?> definition : document.getDefinitionsOfType(TypeDefinition.class)) {
			if (definition instanceof ImplementingTypeDefinition<?> type && !type.getName().startsWith(this.join)) {
				types.put(type.getName(), readType(type));
			}
		}
		return types;
	}

	/**
	 * Which subgraph has which object type as an implementation of an interface
	 * ({@code @join__implements}) or a member of a union ({@code @join__unionMember}).
	 * @return per abstract type, per object type, the subgraphs
	 */
	Map<String, Map<String, Set<String>>> readMemberships(Document document) {
		Map<String, Map<String, Set<String>>> memberships = new LinkedHashMap<>();
		for (TypeDefinition<?> definition : document.getDefinitionsOfType(TypeDefinition.class)) {
			if (definition instanceof ImplementingTypeDefinition<?> type) {
				for (Directive directive : type.getDirectives(this.join + "implements")) {
					String iface = string(directive, "interface");
					if (iface != null) {
						memberships.computeIfAbsent(iface, (k) -> new LinkedHashMap<>())
							.computeIfAbsent(type.getName(), (k) -> new LinkedHashSet<>())
							.add(graph(directive, type.getName()));
					}
				}
			}
			else if (definition instanceof UnionTypeDefinition union) {
				for (Directive directive : union.getDirectives(this.join + "unionMember")) {
					String member = string(directive, "member");
					if (member != null) {
						memberships.computeIfAbsent(union.getName(), (k) -> new LinkedHashMap<>())
							.computeIfAbsent(member, (k) -> new LinkedHashSet<>())
							.add(graph(directive, union.getName()));
					}
				}
			}
		}
		return memberships;
	}

	private TypeMeta readType(ImplementingTypeDefinition<?> type) {
		Set<String> definedIn = new LinkedHashSet<>();
		Map<String, List<String>> keys = new LinkedHashMap<>();
		Set<String> interfaceObjectIn = new LinkedHashSet<>();
		for (Directive directive : type.getDirectives(this.join + "type")) {
			String graph = graph(directive, type.getName());
			definedIn.add(graph);
			String key = string(directive, "key");
			if (key != null && bool(directive, "resolvable", true)) {
				keys.computeIfAbsent(graph, (g) -> new ArrayList<>()).add(key);
			}
			if (bool(directive, "isInterfaceObject", false)) {
				interfaceObjectIn.add(graph);
			}
		}
		Map<String, FieldMeta> fields = new LinkedHashMap<>();
		for (FieldDefinition field : type.getFieldDefinitions()) {
			fields.put(field.getName(), readField(type.getName(), field, definedIn));
		}
		return new TypeMeta(type.getName(), definedIn, keys, interfaceObjectIn, fields);
	}

	private FieldMeta readField(String typeName, FieldDefinition field, Set<String> typeGraphs) {
		List<Directive> joins = field.getDirectives(this.join + "field");
		if (joins.isEmpty()) {
			return new FieldMeta(typeGraphs, Set.of(), Map.of(), Map.of(), Map.of());
		}
		Set<String> resolvedBy = new LinkedHashSet<>();
		Set<String> externalIn = new LinkedHashSet<>();
		Map<String, String> requires = new LinkedHashMap<>();
		Map<String, String> provides = new LinkedHashMap<>();
		Map<String, String> types = new LinkedHashMap<>();
		String where = typeName + "." + field.getName();
		for (Directive directive : joins) {
			if (directive.getArgument("graph") == null) {
				continue;
			}
			String graph = graph(directive, where);
			String type = string(directive, "type");
			if (type != null) {
				types.put(graph, type);
			}
			if (bool(directive, "external", false)) {
				externalIn.add(graph);
				continue;
			}
			if (bool(directive, "usedOverridden", false)) {
				continue;
			}
			resolvedBy.add(graph);
			String required = string(directive, "requires");
			if (required != null) {
				requires.put(graph, required);
			}
			String provided = string(directive, "provides");
			if (provided != null) {
				provides.put(graph, provided);
			}
		}
		return new FieldMeta(resolvedBy, externalIn, requires, provides, types);
	}

	private String graph(Directive directive, String where) {
		Argument argument = directive.getArgument("graph");
		if (argument == null || !(argument.getValue() instanceof EnumValue value)) {
			throw new SupergraphException("@" + directive.getName() + " on " + where + " has no graph");
		}
		Subgraph graph = this.graphsByEnumValue.get(value.getName());
		if (graph == null) {
			throw new SupergraphException(
					"@" + directive.getName() + " on " + where + " names unknown graph " + value.getName());
		}
		return graph.name();
	}

	private static String requiredString(Directive directive, String name, String where) {
		String value = string(directive, name);
		if (value == null) {
			throw new SupergraphException("@" + directive.getName() + " on " + where + " has no " + name);
		}
		return value;
	}

	private static @Nullable String string(Directive directive, String name) {
		Argument argument = directive.getArgument(name);
		return (argument != null && argument.getValue() instanceof StringValue value) ? value.getValue() : null;
	}

	private static boolean bool(Directive directive, String name, boolean fallback) {
		Argument argument = directive.getArgument(name);
		if (argument == null) {
			return fallback;
		}
		Value<?> value = argument.getValue();
		return (value instanceof BooleanValue b) ? b.isValue() : fallback;
	}

}
