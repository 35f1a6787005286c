package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Argument;
import graphql.language.BooleanValue;
import graphql.language.Definition;
import graphql.language.DescribedNode;
import graphql.language.Description;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationTypeDefinition;
import graphql.language.SDLExtensionDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.TypeDefinition;
import graphql.language.TypeName;
import graphql.language.UnionTypeDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import org.jspecify.annotations.Nullable;

/**
 * Reads a subgraph SDL into a {@link SubgraphModel}: definitions and extensions of a type
 * joined, federation directives read under the subgraph's own names, federation machinery
 * ({@code _Service}, {@code _entities}, linked spec types) left out, root types renamed
 * to {@code Query} / {@code Mutation} / {@code Subscription}.
 */
final class SubgraphReader {

	private static final Set<String> CARRIED = Set.of("deprecated", "specifiedBy");

	private final String subgraph;

	private final List<CompositionError> errors;

	private FederationNames names;

	private final Map<String, String> rootNames = new LinkedHashMap<>();

	private final Set<String> defined = new HashSet<>();

	private SubgraphReader(String subgraph, List<CompositionError> errors) {
		this.subgraph = subgraph;
		this.errors = errors;
		this.names = FederationNames.read(List.of(), subgraph, new ArrayList<>());
	}

	static @Nullable SubgraphModel read(SubgraphSource source, List<CompositionError> errors) {
		return new SubgraphReader(source.name(), errors).read(source);
	}

	private @Nullable SubgraphModel read(SubgraphSource source) {
		Document document;
		try {
			ParserOptions options = ParserOptions.getDefaultSdlParserOptions()
				.transform((b) -> b.maxTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE));
			document = Parser
				.parse(new ParserEnvironment.Builder().document(source.sdl()).parserOptions(options).build());
		}
		catch (InvalidSyntaxException ex) {
			this.errors.add(new CompositionError("INVALID_GRAPHQL",
					"[" + this.subgraph + "] the SDL does not parse: " + ex.getMessage(), null, null,
					List.of(this.subgraph)));
			return null;
		}
		List<Directive> links = new ArrayList<>();
		for (Definition<?> definition : document.getDefinitions()) {
			if (definition instanceof SchemaDefinition schema) {
				links.addAll(schema.getDirectives("link"));
				for (OperationTypeDefinition operation : schema.getOperationTypeDefinitions()) {
					String canonical = switch (operation.getName()) {
						case "mutation" -> "Mutation";
						case "subscription" -> "Subscription";
						default -> "Query";
					};
					this.rootNames.put(operation.getTypeName().getName(), canonical);
				}
			}
		}
		this.names = FederationNames.read(links, this.subgraph, this.errors);
		Map<String, SubType> types = new LinkedHashMap<>();
		// definitions before extensions: their fields come first, as in Apollo's
		// composition
		for (boolean extensions : new boolean[] { false, true }) {
			for (Definition<?> definition : document.getDefinitions()) {
				if (definition instanceof TypeDefinition<?> type && !this.names.isMachineryType(type.getName())
						&& (definition instanceof SDLExtensionDefinition) == extensions) {
					readType(type, types);
				}
			}
		}
		return new SubgraphModel(source.name(), source.url(), types, this.names.federation1());
	}

	private void readType(TypeDefinition<?> definition, Map<String, SubType> types) {
		String name = this.rootNames.getOrDefault(definition.getName(), definition.getName());
		Kind kind = switch (definition) {
			case ObjectTypeDefinition o -> Kind.OBJECT;
			case InterfaceTypeDefinition i -> Kind.INTERFACE;
			case UnionTypeDefinition u -> Kind.UNION;
			case EnumTypeDefinition e -> Kind.ENUM;
			case InputObjectTypeDefinition i -> Kind.INPUT;
			case ScalarTypeDefinition s -> Kind.SCALAR;
			default -> Kind.SCALAR;
		};
		SubType type = types.computeIfAbsent(name, (n) -> new SubType(n, kind));
		if (type.kind != kind) {
			this.errors
				.add(new CompositionError(
						"INVALID_GRAPHQL", "[" + this.subgraph + "] Type \"" + name + "\" is declared as "
								+ type.kind.label() + " and as " + kind.label() + ".",
						name, null, List.of(this.subgraph)));
			return;
		}
		if (!(definition instanceof SDLExtensionDefinition)) {
			if (!this.defined.add(name)) {
				this.errors.add(new CompositionError("INVALID_GRAPHQL",
						"[" + this.subgraph + "] There can be only one type named \"" + name + "\"", name, null,
						List.of(this.subgraph)));
				return;
			}
			type.extension = false;
		}
		if (type.description == null) {
			type.description = (definition instanceof DescribedNode<?> described) ? text(described.getDescription())
					: null;
		}
		typeDirectives(type, definition.getDirectives());
		switch (definition) {
			case ImplementingTypeDefinition<?> composite -> {
				composite.getImplements().forEach((t) -> type.interfaces.add(((TypeName) t).getName()));
				for (FieldDefinition field : composite.getFieldDefinitions()) {
					if (name.equals("Query")
							&& (field.getName().equals("_entities") || field.getName().equals("_service"))) {
						continue;
					}
					type.fields.put(field.getName(), field(type, field));
				}
			}
			case UnionTypeDefinition union ->
				union.getMemberTypes().forEach((t) -> type.members.add(((TypeName) t).getName()));
			case EnumTypeDefinition enumType -> {
				for (EnumValueDefinition value : enumType.getEnumValueDefinitions()) {
					SubField entry = new SubField(value.getName());
					entry.description = text(value.getDescription());
					fieldDirectives(entry, value.getDirectives());
					type.fields.put(value.getName(), entry);
				}
			}
			case InputObjectTypeDefinition input -> {
				for (InputValueDefinition value : input.getInputValueDefinitions()) {
					type.fields.put(value.getName(), input(value));
				}
			}
			default -> {
			}
		}
	}

	private SubField field(SubType owner, FieldDefinition definition) {
		SubField field = new SubField(definition.getName());
		field.description = text(definition.getDescription());
		field.type = definition.getType();
		definition.getInputValueDefinitions().forEach((argument) -> field.arguments.add(input(argument)));
		fieldDirectives(field, definition.getDirectives());
		field.external |= owner.external;
		return field;
	}

	private SubField input(InputValueDefinition definition) {
		SubField input = new SubField(definition.getName());
		input.description = text(definition.getDescription());
		input.type = definition.getType();
		input.defaultValue = definition.getDefaultValue();
		fieldDirectives(input, definition.getDirectives());
		return input;
	}

	private void typeDirectives(SubType type, List<Directive> directives) {
		for (Directive directive : directives) {
			String federation = this.names.federationDirective(directive.getName());
			if (federation == null) {
				if (CARRIED.contains(directive.getName())) {
					type.carried.add(directive);
				}
				continue;
			}
			switch (federation) {
				case "key" -> {
					String fields = FederationNames.string(directive.getArgument("fields"));
					type.keys.add(new SubType.Key((fields != null) ? fields : "", bool(directive, "resolvable")));
				}
				case "shareable" -> type.shareable = true;
				case "external" -> type.external = true;
				case "extends" -> type.extension = true;
				case "interfaceObject" -> type.interfaceObject = true;
				case "tag" -> tag(directive, type.tags);
				case "inaccessible" -> type.inaccessible = true;
				case "authenticated" -> type.authenticated = true;
				case "requiresScopes" ->
					type.requiresScopes = AuthorizationDirectives.scopes(directive, type.requiresScopes);
				default -> {
				}
			}
		}
	}

	private void fieldDirectives(SubField field, List<Directive> directives) {
		for (Directive directive : directives) {
			String federation = this.names.federationDirective(directive.getName());
			if (federation == null) {
				if (CARRIED.contains(directive.getName())) {
					field.carried.add(directive);
				}
				continue;
			}
			switch (federation) {
				case "external" -> field.external = true;
				case "shareable" -> field.shareable = true;
				case "inaccessible" -> field.inaccessible = true;
				case "authenticated" -> field.authenticated = true;
				case "requiresScopes" ->
					field.requiresScopes = AuthorizationDirectives.scopes(directive, field.requiresScopes);
				case "requires" -> field.requires = fieldsArgument(directive);
				case "provides" -> field.provides = fieldsArgument(directive);
				case "override" -> field.override = FederationNames.string(directive.getArgument("from"));
				case "tag" -> tag(directive, field.tags);
				default -> {
				}
			}
		}
	}

	private static void tag(Directive directive, Set<String> tags) {
		String name = FederationNames.string(directive.getArgument("name"));
		if (name != null) {
			tags.add(name);
		}
	}

	private static String fieldsArgument(Directive directive) {
		String fields = FederationNames.string(directive.getArgument("fields"));
		return (fields != null) ? fields : "";
	}

	private static boolean bool(Directive directive, String name) {
		Argument argument = directive.getArgument(name);
		return argument == null || !(argument.getValue() instanceof BooleanValue value) || value.isValue();
	}

	private static @Nullable String text(@Nullable Description description) {
		return (description != null) ? description.getContent() : null;
	}

}
