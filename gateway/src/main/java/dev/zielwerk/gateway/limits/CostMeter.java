package dev.zielwerk.gateway.limits;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * Estimates what an operation asks of the subgraphs, as the IBM cost spec and Apollo's
 * static demand control do: an object, interface or union field costs 1, a scalar or enum
 * field 0, a mutation root field 10, unless {@code @cost} says otherwise (on the field,
 * else on the returned type), plus the {@code @cost} of the arguments given; a list field
 * multiplies its cost and its selection's by its size: the largest slicing argument given
 * ({@code @listSize(slicingArguments:)}), else {@code assumedSize}, else the default list
 * size. Fragments on different types are summed, an upper bound. Introspection is not
 * counted: the gateway answers it itself under graphql-java's good-faith limits, and the
 * depth and alias limits still apply to it.
 */
final class CostMeter {

	private static final long MUTATION_WEIGHT = 10;

	private final GraphQLSchema schema;

	private final CostModel model;

	private final long defaultListSize;

	CostMeter(GraphQLSchema schema, CostModel model, int defaultListSize) {
		this.schema = schema;
		this.model = model;
		this.defaultListSize = Math.max(0, defaultListSize);
	}

	long estimate(Document document, OperationDefinition operation, Map<String, Object> variables) {
		Walk walk = new Walk(variables);
		for (FragmentDefinition fragment : FragmentOrder.of(document)) {
			walk.definitions.put(fragment.getName(), fragment);
			GraphQLType type = this.schema.getType(fragment.getTypeCondition().getName());
			walk.fragments.put(fragment.getName(), walk.cost(fragment.getSelectionSet(), type, Map.of()));
		}
		GraphQLType root = switch (operation.getOperation()) {
			case MUTATION -> this.schema.getMutationType();
			case SUBSCRIPTION -> this.schema.getSubscriptionType();
			default -> this.schema.getQueryType();
		};
		return walk.cost(operation.getSelectionSet(), root, Map.of());
	}

	private final class Walk {

		private final Map<String, Object> variables;

		private final Map<String, Long> fragments = new HashMap<>();

		private final Map<String, FragmentDefinition> definitions = new HashMap<>();

		Walk(Map<String, Object> variables) {
			this.variables = variables;
		}

		/**
		 * @param sized sizes the parent's {@code @listSize(sizedFields:)} gives to fields
		 * of this selection
		 */
		long cost(@Nullable SelectionSet set, @Nullable GraphQLType parent, Map<String, Long> sized) {
			if (set == null || !(parent instanceof GraphQLCompositeType)) {
				return 0;
			}
			long total = 0;
			for (Selection<?> selection : set.getSelections()) {
				long cost = switch (selection) {
					case Field field -> field(field, parent, sized);
					case InlineFragment inline -> cost(inline.getSelectionSet(),
							(inline.getTypeCondition() != null)
									? CostMeter.this.schema.getType(inline.getTypeCondition().getName()) : parent,
							sized);
					case FragmentSpread spread -> spread(spread, sized);
					default -> 0;
				};
				total = Counts.add(total, cost);
			}
			return total;
		}

		private long spread(FragmentSpread spread, Map<String, Long> sized) {
			if (sized.isEmpty()) {
				return this.fragments.getOrDefault(spread.getName(), 0L);
			}
			// sizes from a connection's @listSize depend on where the fragment is used
			FragmentDefinition fragment = this.definitions.get(spread.getName());
			return (fragment != null) ? cost(fragment.getSelectionSet(),
					CostMeter.this.schema.getType(fragment.getTypeCondition().getName()), sized) : 0;
		}

		private long field(Field field, GraphQLType parent, Map<String, Long> sized) {
			if (field.getName().startsWith("__") || !(parent instanceof GraphQLFieldsContainer container)) {
				return 0;
			}
			GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
			if (definition == null) {
				return 0;
			}
			String parentName = container.getName();
			GraphQLNamedType type = GraphQLTypeUtil.unwrapAllAs(definition.getType());
			Long weight = CostMeter.this.model.fieldWeight(parentName, field.getName());
			if (weight == null) {
				weight = CostMeter.this.model.typeWeight(type.getName());
			}
			if (weight == null) {
				weight = isMutationRoot(container) ? MUTATION_WEIGHT : (type instanceof GraphQLCompositeType) ? 1 : 0;
			}
			long arguments = 0;
			for (Argument argument : field.getArguments()) {
				arguments = Counts.add(arguments,
						CostMeter.this.model.argumentWeight(parentName, field.getName(), argument.getName()));
			}
			CostModel.ListSize listSize = CostMeter.this.model.listSize(parentName, field.getName());
			Map<String, Long> childSizes = Map.of();
			long size = sizeOf(field, definition, listSize);
			if (listSize != null && !listSize.sizedFields().isEmpty()) {
				Map<String, Long> sizes = new HashMap<>();
				listSize.sizedFields().forEach((name) -> sizes.put(name, size));
				childSizes = sizes;
			}
			long multiplier = 1;
			if (GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(definition.getType()))) {
				Long given = sized.get(field.getName());
				multiplier = (given != null) ? given : (listSize != null && listSize.sizedFields().isEmpty()) ? size
						: CostMeter.this.defaultListSize;
			}
			long children = cost(field.getSelectionSet(), type, childSizes);
			return Counts.add(arguments, Counts.multiply(multiplier, Counts.add(weight, children)));
		}

		private long sizeOf(Field field, GraphQLFieldDefinition definition, CostModel.@Nullable ListSize listSize) {
			if (listSize == null) {
				return CostMeter.this.defaultListSize;
			}
			long largest = -1;
			for (String name : listSize.slicingArguments()) {
				Long value = argumentValue(field, definition, name);
				if (value != null) {
					largest = Math.max(largest, value);
				}
			}
			if (largest >= 0) {
				return largest;
			}
			return (listSize.assumedSize() != null) ? listSize.assumedSize() : CostMeter.this.defaultListSize;
		}

		private @Nullable Long argumentValue(Field field, GraphQLFieldDefinition definition, String name) {
			for (Argument argument : field.getArguments()) {
				if (argument.getName().equals(name)) {
					return number(argument.getValue());
				}
			}
			GraphQLArgument declared = definition.getArgument(name);
			if (declared == null || !declared.hasSetDefaultValue()) {
				return null;
			}
			Object value = declared.getArgumentDefaultValue().getValue();
			return (value instanceof Value<?> literal) ? number(literal)
					: (value instanceof Number number) ? Math.max(0, number.longValue()) : null;
		}

		private @Nullable Long number(Value<?> value) {
			if (value instanceof IntValue literal) {
				return Math.max(0, literal.getValue().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
			}
			if (value instanceof VariableReference reference
					&& this.variables.get(reference.getName()) instanceof Number number) {
				return Math.max(0, number.longValue());
			}
			return null;
		}

		private boolean isMutationRoot(GraphQLFieldsContainer container) {
			return CostMeter.this.schema.getMutationType() != null
					&& CostMeter.this.schema.getMutationType().getName().equals(container.getName());
		}

	}

}
