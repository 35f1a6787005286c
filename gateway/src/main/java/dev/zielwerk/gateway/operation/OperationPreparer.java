package dev.zielwerk.gateway.operation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import graphql.GraphQLContext;
import graphql.GraphQLException;
import graphql.ParseAndValidate;
import graphql.execution.ValuesResolver;
import graphql.language.AstPrinter;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableReference;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import org.jspecify.annotations.Nullable;

/**
 * Parses and validates client documents against the API schema, picks the operation,
 * coerces variables and normalizes the operation against the full schema.
 */
public final class OperationPreparer {

	private final GraphQLSchema apiSchema;

	private final GraphQLSchema schema;

	private final ParserOptions parserOptions;

	private final Function<Document, List<RequestError>> limits;

	public OperationPreparer(GraphQLSchema apiSchema, GraphQLSchema schema) {
		this(apiSchema, schema, ParserOptions.getDefaultOperationParserOptions(), (document) -> List.of());
	}

	/**
	 * Creates a preparer with limits.
	 * @param apiSchema the schema clients see
	 * @param schema the full schema for normalization
	 * @param parserOptions the parser's token, character and recursion limits
	 * @param limits checks a parsed document before it is validated (validation itself
	 * costs time on hostile documents); errors reject the document
	 */
	public OperationPreparer(GraphQLSchema apiSchema, GraphQLSchema schema, ParserOptions parserOptions,
			Function<Document, List<RequestError>> limits) {
		this.apiSchema = apiSchema;
		this.schema = schema;
		this.parserOptions = parserOptions;
		this.limits = limits;
	}

	/**
	 * Parses and validates a document; never throws for bad input.
	 * @param query the document text
	 * @return the parsed document with its errors
	 */
	public ParsedDocument parse(String query) {
		Document document;
		try {
			document = Parser
				.parse(new ParserEnvironment.Builder().document(query).parserOptions(this.parserOptions).build());
		}
		catch (ParseCancelledException ex) {
			return unparsed(ex.getMessage(), "PARSER_TOKEN_LIMIT");
		}
		catch (ParseCancelledTooDeepException ex) {
			return unparsed(ex.getMessage(), "PARSER_RECURSION_LIMIT");
		}
		catch (ParseCancelledTooManyCharsException ex) {
			return unparsed(ex.getMessage(), "PARSER_CHARACTER_LIMIT");
		}
		catch (InvalidSyntaxException ex) {
			return new ParsedDocument(null, List.of(new RequestError(ex.getMessage(),
					(ex.getLocation() != null) ? List.of(ex.getLocation()) : List.of(), "GRAPHQL_PARSE_FAILED")), "",
					Set.of());
		}
		catch (GraphQLException ex) {
			return new ParsedDocument(null,
					List.of(new RequestError(String.valueOf(ex.getMessage()), List.of(), "GRAPHQL_PARSE_FAILED")), "",
					Set.of());
		}
		List<RequestError> exceeded = this.limits.apply(document);
		if (!exceeded.isEmpty()) {
			return new ParsedDocument(null, exceeded, "", Set.of());
		}
		List<ValidationError> validation = ParseAndValidate.validate(this.apiSchema, document);
		List<RequestError> errors = validation.stream()
			.map((e) -> new RequestError(e.getDescription(), e.getLocations(), "GRAPHQL_VALIDATION_FAILED"))
			.toList();
		return new ParsedDocument(document, errors, AstPrinter.printAstCompact(document), conditionVariables(document));
	}

	private static ParsedDocument unparsed(@Nullable String message, String code) {
		return new ParsedDocument(null, List.of(new RequestError(String.valueOf(message), List.of(), code)), "",
				Set.of());
	}

	/**
	 * Picks the operation to run.
	 * @param document a valid document
	 * @param operationName the requested name, may be null when the document has one
	 * operation
	 * @return the operation definition
	 */
	public OperationDefinition select(Document document, @Nullable String operationName) {
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		if (operationName == null || operationName.isEmpty()) {
			if (operations.size() != 1) {
				throw new RequestException("Must provide operation name if query contains multiple operations.",
						"BAD_USER_INPUT");
			}
			return operations.get(0);
		}
		return operations.stream()
			.filter((o) -> operationName.equals(o.getName()))
			.findFirst()
			.orElseThrow(
					() -> new RequestException("Unknown operation named \"" + operationName + "\".", "BAD_USER_INPUT"));
	}

	/**
	 * Coerces raw variable values as the GraphQL specification says.
	 * @param operation the operation
	 * @param raw the variables as sent
	 * @return the coerced values
	 */
	public Map<String, Object> coerce(OperationDefinition operation, Map<String, Object> raw) {
		if (operation.getVariableDefinitions().isEmpty()) {
			return Map.of();
		}
		try {
			return ValuesResolver
				.coerceVariableValues(this.apiSchema, operation.getVariableDefinitions(),
						graphql.execution.RawVariables.of(raw), GraphQLContext.getDefault(), Locale.ROOT)
				.toMap();
		}
		catch (GraphQLException ex) {
			throw new RequestException(String.valueOf(ex.getMessage()), "BAD_USER_INPUT");
		}
	}

	public Operation normalize(Document document, OperationDefinition operation, Map<String, Object> variables) {
		return OperationNormalizer.normalize(this.schema, document, operation, variables);
	}

	private static Set<String> conditionVariables(Document document) {
		Set<String> names = new LinkedHashSet<>();
		document.getDefinitionsOfType(OperationDefinition.class)
			.forEach((operation) -> conditionVariables(operation.getSelectionSet(), names));
		document.getDefinitionsOfType(FragmentDefinition.class)
			.forEach((fragment) -> conditionVariables(fragment.getSelectionSet(), names));
		return names;
	}

	private static void conditionVariables(@Nullable SelectionSet set, Set<String> names) {
		if (set == null) {
			return;
		}
		for (Selection<?> selection : set.getSelections()) {
			if (selection instanceof DirectivesContainer<?> container) {
				for (Directive directive : container.getDirectives()) {
					Argument condition = directive.getArgument("if");
					if ((directive.getName().equals("skip") || directive.getName().equals("include"))
							&& condition != null && condition.getValue() instanceof VariableReference reference) {
						names.add(reference.getName());
					}
				}
			}
			if (selection instanceof graphql.language.Field field) {
				conditionVariables(field.getSelectionSet(), names);
			}
			else if (selection instanceof InlineFragment fragment) {
				conditionVariables(fragment.getSelectionSet(), names);
			}
		}
	}

}
