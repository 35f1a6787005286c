package dev.zielwerk.gateway.router;

import java.util.Map;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLSchema;
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
	 * Classifies the root fields.
	 * @return 0 when no root field is introspection, 1 when all are, 2 when they are
	 * mixed
	 */
	static int kind(Document document, OperationDefinition operation) {
		int[] counts = new int[2];
		count(document, operation.getSelectionSet(), counts);
		if (counts[0] == 0) {
			return 0;
		}
		return (counts[1] == 0) ? 1 : 2;
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

	Mono<ObjectNode> execute(String query, String operationName, Map<String, Object> variables) {
		ExecutionInput input = ExecutionInput.newExecutionInput(query)
			.operationName(operationName)
			.variables(variables)
			.build();
		return Mono.fromFuture(() -> this.graphQl.executeAsync(input))
			.map((result) -> (ObjectNode) this.mapper.valueToTree(result.toSpecification()));
	}

}
