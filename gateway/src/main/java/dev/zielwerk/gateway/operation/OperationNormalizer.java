package dev.zielwerk.gateway.operation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.Scalars;
import graphql.introspection.Introspection;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.VariableReference;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;

/**
 * Turns a validated operation into a {@link SelectionSet} tree: the CollectFields
 * algorithm of the GraphQL specification applied for every possible object type, with
 * {@code @skip}/{@code @include} evaluated against the coerced variables.
 */
public final class OperationNormalizer {

	private final GraphQLSchema schema;

	private final Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();

	private final Map<String, Object> variables;

	private OperationNormalizer(GraphQLSchema schema, Document document, Map<String, Object> variables) {
		this.schema = schema;
		this.variables = variables;
		document.getDefinitionsOfType(FragmentDefinition.class).forEach((f) -> this.fragments.put(f.getName(), f));
	}

	/**
	 * Normalizes one operation of a validated document.
	 * @param schema the schema to resolve types against
	 * @param document the document
	 * @param operation the operation to run
	 * @param variables the coerced variable values
	 * @return the normalized operation
	 */
	public static Operation normalize(GraphQLSchema schema, Document document, OperationDefinition operation,
			Map<String, Object> variables) {
		OperationNormalizer normalizer = new OperationNormalizer(schema, document, variables);
		GraphQLObjectType root = switch (operation.getOperation()) {
			case MUTATION -> schema.getMutationType();
			case SUBSCRIPTION -> schema.getSubscriptionType();
			default -> schema.getQueryType();
		};
		if (root == null) {
			throw new IllegalArgumentException("the schema has no root type for " + operation.getOperation());
		}
		SelectionSet selectionSet = normalizer.selectionSet(root, List.of(operation.getSelectionSet()));
		return new Operation(operation.getOperation(), operation.getName(), root.getName(), selectionSet,
				operation.getVariableDefinitions());
	}

	/**
	 * Normalizes a field set such as the one of {@code @requires} on a type.
	 * @param schema the schema
	 * @param type the type the field set applies to
	 * @param fieldSet the parsed field set
	 * @return the normalized selection
	 */
	public static SelectionSet normalize(GraphQLSchema schema, GraphQLCompositeType type,
			graphql.language.SelectionSet fieldSet) {
		OperationNormalizer normalizer = new OperationNormalizer(schema, Document.newDocument().build(), Map.of());
		return normalizer.selectionSet(type, List.of(fieldSet));
	}

	private SelectionSet selectionSet(GraphQLCompositeType type, List<graphql.language.SelectionSet> sets) {
		Map<String, List<Field>> byType = new LinkedHashMap<>();
		if (type instanceof GraphQLObjectType object) {
			byType.put(object.getName(), fields(object, sets));
		}
		else {
			for (GraphQLObjectType object : possibleTypes(this.schema, type)) {
				byType.put(object.getName(), fields(object, sets));
			}
		}
		return new SelectionSet(byType);
	}

	private List<Field> fields(GraphQLObjectType object, List<graphql.language.SelectionSet> sets) {
		Map<String, List<graphql.language.Field>> collected = new LinkedHashMap<>();
		for (graphql.language.SelectionSet set : sets) {
			collect(object, set, collected);
		}
		List<Field> fields = new ArrayList<>(collected.size());
		collected.forEach((key, nodes) -> fields.add(field(object, key, nodes)));
		return fields;
	}

	private Field field(GraphQLObjectType object, String responseKey, List<graphql.language.Field> nodes) {
		graphql.language.Field first = nodes.get(0);
		if (Field.TYPENAME.equals(first.getName())) {
			return new Field(responseKey, Field.TYPENAME, List.of(), GraphQLNonNull.nonNull(Scalars.GraphQLString),
					null);
		}
		if (first.getName().equals("__schema") || first.getName().equals("__type")) {
			// answered whole by introspection; the response keeps its value as it is
			GraphQLFieldDefinition meta = first.getName().equals("__schema") ? Introspection.SchemaMetaFieldDef
					: Introspection.TypeMetaFieldDef;
			return new Field(responseKey, first.getName(), first.getArguments(), meta.getType(), null);
		}
		GraphQLFieldDefinition definition = object.getFieldDefinition(first.getName());
		if (definition == null) {
			throw new IllegalArgumentException("unknown field " + object.getName() + "." + first.getName());
		}
		GraphQLOutputType type = definition.getType();
		GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
		SelectionSet selections = null;
		if (named instanceof GraphQLCompositeType composite) {
			List<graphql.language.SelectionSet> subSets = new ArrayList<>(nodes.size());
			nodes.forEach((node) -> {
				if (node.getSelectionSet() != null) {
					subSets.add(node.getSelectionSet());
				}
			});
			selections = selectionSet(composite, subSets);
		}
		return new Field(responseKey, first.getName(), first.getArguments(), type, selections);
	}

	private void collect(GraphQLObjectType object, graphql.language.SelectionSet set,
			Map<String, List<graphql.language.Field>> collected) {
		for (Selection<?> selection : set.getSelections()) {
			switch (selection) {
				case graphql.language.Field field when included(field.getDirectives()) ->
					collected
						.computeIfAbsent((field.getAlias() != null) ? field.getAlias() : field.getName(),
								(k) -> new ArrayList<>())
						.add(field);
				case InlineFragment fragment when included(fragment.getDirectives())
						&& (fragment.getTypeCondition() == null
								|| applies(fragment.getTypeCondition().getName(), object)) ->
					collect(object, fragment.getSelectionSet(), collected);
				case FragmentSpread spread when included(spread.getDirectives()) -> {
					FragmentDefinition fragment = this.fragments.get(spread.getName());
					if (fragment != null && applies(fragment.getTypeCondition().getName(), object)) {
						collect(object, fragment.getSelectionSet(), collected);
					}
				}
				default -> {
				}
			}
		}
	}

	/**
	 * The object types a value of a composite type can have.
	 * @param schema the schema
	 * @param type an object, interface or union type
	 * @return the possible object types
	 */
	public static List<GraphQLObjectType> possibleTypes(GraphQLSchema schema, GraphQLCompositeType type) {
		return switch (type) {
			case GraphQLObjectType object -> List.of(object);
			case GraphQLInterfaceType iface -> schema.getImplementations(iface);
			case GraphQLUnionType union -> union.getTypes()
				.stream()
				.filter(GraphQLObjectType.class::isInstance)
				.map(GraphQLObjectType.class::cast)
				.toList();
			default -> List.of();
		};
	}

	private boolean applies(String typeCondition, GraphQLObjectType object) {
		if (typeCondition.equals(object.getName())) {
			return true;
		}
		GraphQLType condition = this.schema.getType(typeCondition);
		return condition instanceof GraphQLCompositeType composite
				&& possibleTypes(this.schema, composite).contains(object);
	}

	private boolean included(List<Directive> directives) {
		for (Directive directive : directives) {
			if (directive.getName().equals("skip") && condition(directive)) {
				return false;
			}
			if (directive.getName().equals("include") && !condition(directive)) {
				return false;
			}
		}
		return true;
	}

	private boolean condition(Directive directive) {
		graphql.language.Argument argument = directive.getArgument("if");
		if (argument == null) {
			return false;
		}
		return switch (argument.getValue()) {
			case BooleanValue value -> value.isValue();
			case VariableReference reference -> Boolean.TRUE.equals(this.variables.get(reference.getName()));
			default -> false;
		};
	}

}
