package dev.zielwerk.gateway.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.Definition;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLSchema;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers introspection from the API schema with graphql-java. Only used for operations
 * whose root fields are all introspection fields; the graphql-java instance is built
 * once.
 */
final class Introspection {

	private final GraphQL graphQl;

	private final ObjectMapper mapper;

	Introspection(GraphQLSchema apiSchema, ObjectMapper mapper) {
		this.graphQl = GraphQL.newGraphQL(apiSchema).build();
		this.mapper = mapper;
	}

	/**
	 * How an operation uses introspection at its root.
	 */
	enum Use {

		/** No {@code __schema} or {@code __type}: planned and executed as usual. */
		NONE,

		/**
		 * Only introspection (and {@code __typename}): answered by graphql-java alone.
		 */
		ONLY,

		/** Introspection beside other root fields: both, merged. */
		MIXED

	}

	static Use use(Document document, OperationDefinition operation) {
		int[] counts = new int[2];
		count(document, operation.getSelectionSet(), counts);
		if (counts[0] == 0) {
			return Use.NONE;
		}
		return (counts[1] == 0) ? Use.ONLY : Use.MIXED;
	}

	private static void count(Document document, SelectionSet set, int[] counts) {
		for (Selection<?> selection : set.getSelections()) {
			switch (selection) {
				case graphql.language.Field field -> {
					if (field.getName().equals("__schema") || field.getName().equals("__type")) {
						counts[0]++;
					}
					else if (!field.getName().equals("__typename")) {
						counts[1]++;
					}
				}
				case InlineFragment fragment -> count(document, fragment.getSelectionSet(), counts);
				case FragmentSpread spread -> document.getDefinitionsOfType(FragmentDefinition.class)
					.stream()
					.filter((f) -> f.getName().equals(spread.getName()))
					.findFirst()
					.ifPresent((f) -> count(document, f.getSelectionSet(), counts));
				default -> {
				}
			}
		}
	}

	/**
	 * The introspection part of an operation that mixes it with other root fields: the
	 * root's {@code __schema} and {@code __type} fields with the fragments and variables
	 * they use, printed as a document of its own.
	 */
	@SuppressWarnings("rawtypes")
	static String introspectionOnly(Document document, OperationDefinition operation) {
		List<Selection> kept = new ArrayList<>();
		for (Selection<?> selection : operation.getSelectionSet().getSelections()) {
			if (selection instanceof graphql.language.Field field
					&& (field.getName().equals("__schema") || field.getName().equals("__type"))) {
				kept.add(field);
			}
		}
		SelectionSet root = SelectionSet.newSelectionSet(kept).build();
		Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
		document.getDefinitionsOfType(FragmentDefinition.class).forEach((f) -> fragments.put(f.getName(), f));
		Set<String> usedFragments = new LinkedHashSet<>();
		Set<String> usedVariables = new LinkedHashSet<>();
		collect(root, fragments, usedFragments, usedVariables);
		OperationDefinition reduced = operation.transform((b) -> b.selectionSet(root)
			.variableDefinitions(operation.getVariableDefinitions()
				.stream()
				.filter((v) -> usedVariables.contains(v.getName()))
				.toList()));
		List<Definition> definitions = new ArrayList<>();
		definitions.add(reduced);
		usedFragments.forEach((name) -> definitions.add(fragments.get(name)));
		return AstPrinter.printAstCompact(Document.newDocument().definitions(definitions).build());
	}

	private static void collect(SelectionSet set, Map<String, FragmentDefinition> fragments, Set<String> usedFragments,
			Set<String> usedVariables) {
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof DirectivesContainer<?> container) {
				container.getDirectives()
					.forEach((d) -> d.getArguments().forEach((a) -> variables(a.getValue(), usedVariables)));
			}
			switch (selection) {
				case graphql.language.Field field -> {
					field.getArguments().forEach((a) -> variables(a.getValue(), usedVariables));
					if (field.getSelectionSet() != null) {
						collect(field.getSelectionSet(), fragments, usedFragments, usedVariables);
					}
				}
				case InlineFragment inline ->
					collect(inline.getSelectionSet(), fragments, usedFragments, usedVariables);
				case FragmentSpread spread -> {
					FragmentDefinition fragment = fragments.get(spread.getName());
					if (fragment != null && usedFragments.add(spread.getName())) {
						collect(fragment.getSelectionSet(), fragments, usedFragments, usedVariables);
					}
				}
				default -> {
				}
			}
		}
	}

	private static void variables(Value<?> value, Set<String> into) {
		switch (value) {
			case VariableReference reference -> into.add(reference.getName());
			case ArrayValue array -> array.getValues().forEach((v) -> variables(v, into));
			case ObjectValue object -> object.getObjectFields().forEach((f) -> variables(f.getValue(), into));
			default -> {
			}
		}
	}

	Mono<ObjectNode> execute(String query, @Nullable String operationName, Map<String, Object> variables) {
		ExecutionInput input = ExecutionInput.newExecutionInput(query)
			.operationName(operationName)
			.variables(variables)
			.build();
		return Mono.fromFuture(() -> this.graphQl.executeAsync(input))
			.map((result) -> (ObjectNode) this.mapper.valueToTree(result.toSpecification()));
	}

}
