package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import graphql.language.AstPrinter;
import org.jspecify.annotations.Nullable;

/**
 * Prints merged types as a supergraph SDL in Apollo's format: {@code @link} v1.0,
 * {@code join} v0.3 ({@code @join__graph}, {@code @join__type}, {@code @join__field},
 * {@code @join__implements}, {@code @join__unionMember}, {@code @join__enumValue}) and
 * {@code inaccessible} v0.2 when something is inaccessible; types in case-insensitive
 * alphabetical order, fields in the order the subgraphs declare them.
 */
final class SupergraphPrinter {

	private final List<SubgraphModel> subgraphs;

	private final Map<String, MergedType> types;

	private final Map<String, String> graphEnum = new LinkedHashMap<>();

	private final StringBuilder out = new StringBuilder();

	SupergraphPrinter(List<SubgraphModel> subgraphs, Map<String, MergedType> types) {
		this.subgraphs = subgraphs;
		this.types = types;
		for (SubgraphModel subgraph : subgraphs) {
			String base = subgraph.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
			base = (base.isEmpty() || Character.isDigit(base.charAt(0))) ? "_" + base : base;
			String name = base;
			for (int i = 1; this.graphEnum.containsValue(name); i++) {
				name = base + "_" + i;
			}
			this.graphEnum.put(subgraph.name(), name);
		}
	}

	String print() {
		boolean inaccessible = this.types.values()
			.stream()
			.anyMatch((t) -> t.inaccessible || t.fields.values()
				.stream()
				.anyMatch((f) -> f.inaccessible || f.arguments.stream().anyMatch((a) -> a.inaccessible)));
		this.out.append("schema\n  @link(url: \"https://specs.apollo.dev/link/v1.0\")\n")
			.append("  @link(url: \"https://specs.apollo.dev/join/v0.3\", for: EXECUTION)\n");
		boolean tags = this.types.values()
			.stream()
			.anyMatch((t) -> !t.tags.isEmpty() || t.fields.values()
				.stream()
				.anyMatch((f) -> !f.tags.isEmpty() || f.arguments.stream().anyMatch((a) -> !a.tags.isEmpty())));
		if (tags) {
			this.out.append("  @link(url: \"https://specs.apollo.dev/tag/v0.3\")\n");
		}
		if (inaccessible) {
			this.out.append("  @link(url: \"https://specs.apollo.dev/inaccessible/v0.2\", for: SECURITY)\n");
		}
		boolean authenticated = anyType((t) -> t.authenticated, (f) -> f.authenticated);
		boolean requiresScopes = anyType((t) -> t.requiresScopes != null, (f) -> f.requiresScopes != null);
		if (authenticated) {
			this.out.append(AuthorizationDirectives.AUTHENTICATED_LINK);
		}
		if (requiresScopes) {
			this.out.append(AuthorizationDirectives.REQUIRES_SCOPES_LINK);
		}
		this.out.append("{\n");
		for (String root : List.of("Query", "Mutation", "Subscription")) {
			if (this.types.containsKey(root)) {
				this.out.append("  ").append(root.toLowerCase(Locale.ROOT)).append(": ").append(root).append('\n');
			}
		}
		this.out.append("}\n\n");
		if (authenticated) {
			this.out.append(AuthorizationDirectives.AUTHENTICATED).append("\n\n");
		}
		if (inaccessible) {
			this.out.append(JoinSpec.INACCESSIBLE).append("\n\n");
		}
		JoinSpec.DIRECTIVES.forEach((d) -> this.out.append(d).append("\n\n"));
		if (requiresScopes) {
			this.out.append(AuthorizationDirectives.REQUIRES_SCOPES).append("\n\n");
		}
		if (tags) {
			this.out.append(JoinSpec.TAG).append("\n\n");
		}
		Map<String, Runnable> printers = new LinkedHashMap<>();
		this.types.values().forEach((type) -> printers.put(type.name, () -> type(type)));
		printers.put("join__FieldSet", () -> this.out.append("scalar join__FieldSet\n"));
		printers.put("join__Graph", this::graphs);
		printers.put("link__Import", () -> this.out.append(JoinSpec.LINK_TYPES));
		if (requiresScopes) {
			printers.put("requiresScopes__Scope", () -> this.out.append(AuthorizationDirectives.SCOPE_SCALAR));
		}
		printers.keySet()
			.stream()
			.filter((n) -> !n.equals("link__Purpose"))
			.sorted(String.CASE_INSENSITIVE_ORDER)
			.forEach((name) -> {
				printers.get(name).run();
				this.out.append('\n');
			});
		return this.out.toString().stripTrailing() + "\n";
	}

	private boolean anyType(java.util.function.Predicate<MergedType> onType,
			java.util.function.Predicate<MergedField> onField) {
		return this.types.values()
			.stream()
			.anyMatch((t) -> onType.test(t) || t.fields.values().stream().anyMatch(onField));
	}

	private void graphs() {
		this.out.append("enum join__Graph {\n");
		for (SubgraphModel subgraph : this.subgraphs) {
			this.out.append("  ")
				.append(this.graphEnum.get(subgraph.name()))
				.append(" @join__graph(name: ")
				.append(quote(subgraph.name()))
				.append(", url: ")
				.append(quote(subgraph.url()))
				.append(")\n");
		}
		this.out.append("}\n");
	}

	private void type(MergedType type) {
		description(type.description, "");
		String keyword = switch (type.kind) {
			case OBJECT -> "type";
			case INTERFACE -> "interface";
			case UNION -> "union";
			case ENUM -> "enum";
			case INPUT -> "input";
			case SCALAR -> "scalar";
		};
		this.out.append(keyword).append(' ').append(type.name);
		if (!type.interfaces.isEmpty()) {
			this.out.append(" implements ").append(String.join(" & ", type.interfaces.keySet()));
		}
		this.out.append('\n');
		type.interfaces.forEach((iface,
				graphs) -> graphs.forEach((graph) -> this.out.append("  @join__implements(graph: ")
					.append(this.graphEnum.get(graph))
					.append(", interface: ")
					.append(quote(iface))
					.append(")\n")));
		joinTypes(type);
		type.members.forEach((member,
				graphs) -> graphs.forEach((graph) -> this.out.append("  @join__unionMember(graph: ")
					.append(this.graphEnum.get(graph))
					.append(", member: ")
					.append(quote(member))
					.append(")\n")));
		if (type.inaccessible) {
			this.out.append("  @inaccessible\n");
		}
		if (type.authenticated) {
			this.out.append("  @authenticated\n");
		}
		if (type.requiresScopes != null) {
			this.out.append(" ").append(AuthorizationDirectives.applied(false, type.requiresScopes)).append('\n');
		}
		type.carried.forEach((d) -> this.out.append("  ").append(AstPrinter.printAst(d)).append('\n'));
		type.tags.forEach((tag) -> this.out.append("  @tag(name: ").append(quote(tag)).append(")\n"));
		switch (type.kind) {
			case UNION -> this.out.append(" = ").append(String.join(" | ", type.members.keySet())).append('\n');
			case SCALAR -> {
			}
			default -> {
				this.out.append("{\n");
				List<String> defining = definingGraphs(type);
				boolean first = true;
				for (MergedField field : type.fields.values()) {
					if (!first && field.description != null) {
						this.out.append('\n');
					}
					first = false;
					field(type, field, defining);
				}
				this.out.append("}\n");
			}
		}
	}

	private List<String> definingGraphs(MergedType type) {
		if (type.name.equals("Query")) {
			return this.subgraphs.stream().map(SubgraphModel::name).toList();
		}
		return List.copyOf(type.sources.keySet());
	}

	private void joinTypes(MergedType type) {
		for (String graph : definingGraphs(type)) {
			SubType source = type.sources.get(graph);
			List<String> keys = new ArrayList<>();
			String extension = (source != null && source.extension && type.kind == Kind.OBJECT && !isRoot(type.name))
					? ", extension: true" : "";
			String interfaceObject = (source != null && source.interfaceObject) ? ", isInterfaceObject: true" : "";
			if (source != null && type.kind != Kind.INPUT && type.kind != Kind.ENUM) {
				source.keys.forEach((key) -> keys.add(", key: " + quote(key.fields()) + extension
						+ (key.resolvable() ? "" : ", resolvable: false") + interfaceObject));
			}
			if (keys.isEmpty()) {
				keys.add(extension + interfaceObject);
			}
			keys.forEach((key) -> this.out.append("  @join__type(graph: ")
				.append(this.graphEnum.get(graph))
				.append(key)
				.append(")\n"));
		}
	}

	private void field(MergedType type, MergedField field, List<String> defining) {
		description(field.description, "  ");
		this.out.append("  ").append(field.name);
		if (type.kind == Kind.ENUM) {
			if (field.inaccessible) {
				this.out.append(" @inaccessible");
			}
			field.sources.keySet()
				.forEach((graph) -> this.out.append(" @join__enumValue(graph: ")
					.append(this.graphEnum.get(graph))
					.append(')'));
			field.carried.forEach((directive) -> this.out.append(' ').append(AstPrinter.printAst(directive)));
			tags(field);
			this.out.append('\n');
			return;
		}
		if (!field.arguments.isEmpty()) {
			List<String> arguments = new ArrayList<>();
			for (MergedField argument : field.arguments) {
				StringBuilder text = new StringBuilder();
				if (argument.description != null) {
					text.append(blockString(argument.description)).append(' ');
				}
				text.append(input(argument));
				arguments.add(text.toString());
			}
			this.out.append('(').append(String.join(", ", arguments)).append(')');
		}
		this.out.append(": ").append(TypeRefs.print(field.type()));
		if (type.kind == Kind.INPUT && field.defaultValue != null) {
			this.out.append(" = ").append(TypeRefs.value(field.defaultValue));
		}
		if (field.inaccessible) {
			this.out.append(" @inaccessible");
		}
		joinFields(type, field, defining);
		this.out.append(AuthorizationDirectives.applied(field.authenticated, field.requiresScopes));
		field.carried.forEach((directive) -> this.out.append(' ').append(AstPrinter.printAst(directive)));
		tags(field);
		this.out.append('\n');
	}

	private String input(MergedField argument) {
		StringBuilder text = new StringBuilder(argument.name).append(": ").append(TypeRefs.print(argument.type()));
		if (argument.defaultValue != null) {
			text.append(" = ").append(TypeRefs.value(argument.defaultValue));
		}
		if (argument.inaccessible) {
			text.append(" @inaccessible");
		}
		argument.carried.forEach((d) -> text.append(' ').append(AstPrinter.printAst(d)));
		argument.tags.forEach((tag) -> text.append(" @tag(name: ").append(quote(tag)).append(')'));
		return text.toString();
	}

	private void tags(MergedField field) {
		field.tags.forEach((tag) -> this.out.append(" @tag(name: ").append(quote(tag)).append(')'));
	}

	private void joinFields(MergedType type, MergedField field, List<String> defining) {
		if (field.viaInterfaceObject) {
			this.out.append(" @join__field");
			return;
		}
		boolean needed = !field.typesEqual || !field.overridden.isEmpty() || field.sources.size() != defining.size()
				|| field.sources.values()
					.stream()
					.anyMatch((s) -> s.external || s.requires != null || s.provides != null || s.override != null);
		if (!needed) {
			return;
		}
		field.sources.forEach((graph, source) -> {
			boolean usedOverridden = field.usedOverridden.contains(graph);
			if (field.overridden.contains(graph) && !usedOverridden) {
				return;
			}
			this.out.append(" @join__field(graph: ").append(this.graphEnum.get(graph));
			if (source.requires != null) {
				this.out.append(", requires: ").append(quote(source.requires));
			}
			if (source.provides != null) {
				this.out.append(", provides: ").append(quote(source.provides));
			}
			if (!field.typesEqual) {
				this.out.append(", type: ").append(quote(TypeRefs.print(source.type())));
			}
			if (source.external) {
				this.out.append(", external: true");
			}
			if (source.override != null) {
				this.out.append(", override: ").append(quote(source.override));
			}
			if (usedOverridden) {
				this.out.append(", usedOverridden: true");
			}
			this.out.append(')');
		});
	}

	private void description(@Nullable String description, String indent) {
		if (description == null) {
			return;
		}
		if (!description.contains("\n")) {
			this.out.append(indent).append(blockString(description)).append('\n');
			return;
		}
		this.out.append(indent).append("\"\"\"\n");
		for (String line : description.replace("\"\"\"", "\\\"\"\"").split("\n", -1)) {
			this.out.append(indent).append(line).append('\n');
		}
		this.out.append(indent).append("\"\"\"\n");
	}

	private static String blockString(String description) {
		return "\"\"\"" + description.replace("\"\"\"", "\\\"\"\"") + "\"\"\"";
	}

	private static boolean isRoot(String name) {
		return Set.of("Query", "Mutation", "Subscription").contains(name);
	}

	static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> quoted.append(c);
			}
		}
		return quoted.append('"').toString();
	}

}
