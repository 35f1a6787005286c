package dev.zielwerk.gateway.supergraph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectField;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ObjectValue;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.Type;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

/**
 * Removes the machinery of linked specs ({@code @link}, {@code join__*},
 * {@code @inaccessible}, ...) from a supergraph document. With {@code api} set, elements
 * marked {@code @inaccessible} go too, which yields the API schema clients see; without
 * it the result is the full schema the planner works on.
 */
final class SchemaStripper {

	private final Set<String> machineryDirectives = new HashSet<>();

	private final Set<String> machineryPrefixes = new HashSet<>();

	private final String inaccessible;

	private final String joinPrefix;

	SchemaStripper(Document document) {
		String inaccessibleName = "inaccessible";
		String join = "join";
		this.machineryDirectives.add("link");
		this.machineryPrefixes.add("link__");
		for (SchemaDefinition schema : document.getDefinitionsOfType(SchemaDefinition.class)) {
			for (Directive link : schema.getDirectives("link")) {
				String url = stringArgument(link, "url");
				if (url == null) {
					continue;
				}
				String spec = specName(url);
				String alias = stringArgument(link, "as");
				String local = (alias != null) ? alias : spec;
				this.machineryDirectives.add(local);
				this.machineryPrefixes.add(local + "__");
				if (spec.equals("inaccessible")) {
					inaccessibleName = local;
				}
				if (spec.equals("join")) {
					join = local;
				}
				imports(link).forEach((name) -> this.machineryDirectives.add(name));
			}
		}
		this.inaccessible = inaccessibleName;
		this.joinPrefix = join;
	}

	String joinPrefix() {
		return this.joinPrefix;
	}

	@SuppressWarnings("rawtypes")
	Document strip(Document document, boolean api) {
		List<Definition> kept = new ArrayList<>();
		Set<String> removedTypes = new HashSet<>();
		for (Definition<?> definition : document.getDefinitions()) {
			if (definition instanceof TypeDefinition<?> type
					&& (isMachineryType(type.getName()) || (api && type.hasDirective(this.inaccessible)))) {
				removedTypes.add(type.getName());
			}
		}
		for (Definition<?> definition : document.getDefinitions()) {
			Definition<?> result = stripDefinition(definition, api, removedTypes);
			if (result != null) {
				kept.add(result);
			}
		}
		return document.transform((builder) -> builder.definitions(kept));
	}

	private @Nullable Definition<?> stripDefinition(Definition<?> definition, boolean api, Set<String> removedTypes) {
		Predicate<DirectivesContainer<?>> keep = (element) -> !api || !element.hasDirective(this.inaccessible);
		return switch (definition) {
			case DirectiveDefinition directive -> isMachineryDirective(directive.getName()) ? null : directive;
			case TypeDefinition<?> type when removedTypes.contains(type.getName()) -> null;
			case SchemaDefinition schema -> schema.transform((b) -> b.directives(directives(schema)));
			case ObjectTypeDefinition type -> type.transform((b) -> b.directives(directives(type))
				.implementz(types(type.getImplements(), removedTypes))
				.fieldDefinitions(fields(type.getFieldDefinitions(), keep)));
			case InterfaceTypeDefinition type -> type.transform((b) -> b.directives(directives(type))
				.implementz(types(type.getImplements(), removedTypes))
				.definitions(fields(type.getFieldDefinitions(), keep)));
			case UnionTypeDefinition type -> type.transform(
					(b) -> b.directives(directives(type)).memberTypes(types(type.getMemberTypes(), removedTypes)));
			case EnumTypeDefinition type -> type.transform((b) -> b.directives(directives(type))
				.enumValueDefinitions(type.getEnumValueDefinitions()
					.stream()
					.filter(keep::test)
					.map((v) -> v.transform((vb) -> vb.directives(directives(v))))
					.toList()));
			case InputObjectTypeDefinition type -> type.transform((b) -> b.directives(directives(type))
				.inputValueDefinitions(inputs(type.getInputValueDefinitions(), keep)));
			case ScalarTypeDefinition type -> type.transform((b) -> b.directives(directives(type)));
			default -> definition;
		};
	}

	private List<FieldDefinition> fields(List<FieldDefinition> fields, Predicate<DirectivesContainer<?>> keep) {
		return fields.stream()
			.filter(keep::test)
			.map((f) -> f.transform((b) -> b.directives(directives(f))
				.inputValueDefinitions(inputs(f.getInputValueDefinitions(), keep))))
			.toList();
	}

	private List<InputValueDefinition> inputs(List<InputValueDefinition> inputs,
			Predicate<DirectivesContainer<?>> keep) {
		return inputs.stream().filter(keep::test).map((i) -> i.transform((b) -> b.directives(directives(i)))).toList();
	}

	@SuppressWarnings("rawtypes")
	private static List<Type> types(List<Type> types, Set<String> removedTypes) {
		return types.stream().filter((t) -> !(t instanceof TypeName n && removedTypes.contains(n.getName()))).toList();
	}

	private List<Directive> directives(DirectivesContainer<?> element) {
		return element.getDirectives().stream().filter((d) -> !isMachineryDirective(d.getName())).toList();
	}

	private boolean isMachineryDirective(String name) {
		return this.machineryDirectives.contains(name) || this.machineryPrefixes.stream().anyMatch(name::startsWith);
	}

	private boolean isMachineryType(String name) {
		return this.machineryPrefixes.stream().anyMatch(name::startsWith);
	}

	private static String specName(String url) {
		String[] parts = url.split("/");
		return (parts.length >= 2) ? parts[parts.length - 2] : url;
	}

	private static List<String> imports(Directive link) {
		Argument argument = link.getArgument("import");
		List<String> names = new ArrayList<>();
		if (argument != null && argument.getValue() instanceof ArrayValue array) {
			for (Value<?> value : array.getValues()) {
				if (value instanceof StringValue string) {
					names.add(trimAt(string.getValue()));
				}
				else if (value instanceof ObjectValue object) {
					String as = null;
					String name = null;
					for (ObjectField field : object.getObjectFields()) {
						if (field.getValue() instanceof StringValue string) {
							if (field.getName().equals("as")) {
								as = string.getValue();
							}
							else if (field.getName().equals("name")) {
								name = string.getValue();
							}
						}
					}
					String local = (as != null) ? as : name;
					if (local != null) {
						names.add(trimAt(local));
					}
				}
			}
		}
		return names;
	}

	private static String trimAt(String name) {
		return name.startsWith("@") ? name.substring(1) : name;
	}

	private static @Nullable String stringArgument(Directive directive, String name) {
		Argument argument = directive.getArgument(name);
		return (argument != null && argument.getValue() instanceof StringValue value) ? value.getValue() : null;
	}

}
