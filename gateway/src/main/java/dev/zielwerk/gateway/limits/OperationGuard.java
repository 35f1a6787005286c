package dev.zielwerk.gateway.limits;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.zielwerk.gateway.operation.RequestError;
import dev.zielwerk.gateway.operation.RequestException;
import dev.zielwerk.gateway.supergraph.Supergraph;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.ParserOptions;

/**
 * Rejects abusive operations before anything is planned or fetched: the parser's limits,
 * then per operation its depth, aliases and root fields (on the parsed document, before
 * validation, and cached with it), then per request introspection when it is off and the
 * estimated cost (which depends on the variables).
 */
public final class OperationGuard {

	private static final Pattern SUGGESTION = Pattern.compile("\\s*Did you mean[^?]*\\?", Pattern.CASE_INSENSITIVE);

	private final LimitsProperties limits;

	private final boolean introspection;

	private final CostMeter costs;

	public OperationGuard(Supergraph supergraph, LimitsProperties limits, boolean introspection) {
		this.limits = limits;
		this.introspection = introspection;
		this.costs = new CostMeter(supergraph.apiSchema(), CostModel.of(supergraph.sdl()), limits.defaultListSize());
	}

	/**
	 * The default limits with introspection on.
	 * @param supergraph the supergraph
	 * @return a guard
	 */
	public static OperationGuard defaults(Supergraph supergraph) {
		return new OperationGuard(supergraph, LimitsProperties.defaults(), true);
	}

	public ParserOptions parserOptions() {
		return ParserOptions.getDefaultOperationParserOptions()
			.transform((b) -> b.maxCharacters(this.limits.parserMaxCharacters())
				.maxTokens(this.limits.parserMaxTokens())
				.maxWhitespaceTokens(this.limits.parserMaxWhitespaceTokens())
				.maxRuleDepth(this.limits.parserMaxRecursion())
				.captureLineComments(false));
	}

	/**
	 * Checks the shape of every operation of a parsed document; a document is refused
	 * when any of its operations is over a limit.
	 * @param document the parsed, not yet validated document
	 * @return one error per limit exceeded, empty when within every limit
	 */
	public List<RequestError> checkShape(Document document) {
		Map<String, Shape> fragments = Shape.fragments(document);
		List<RequestError> errors = new ArrayList<>();
		long directives = directives(document);
		if (directives > this.limits.maxDirectives()) {
			// directive overloading: every directive costs validation work and errors
			errors.add(new RequestError("The document has " + directives + " directives; the maximum is "
					+ this.limits.maxDirectives() + ".", List.of(), ErrorCodes.MAX_DIRECTIVES_EXCEEDED));
			return errors;
		}
		for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
			Shape shape = Shape.of(operation.getSelectionSet(), fragments);
			String which = (operation.getName() != null) ? "Operation \"" + operation.getName() + "\""
					: "The operation";
			if (shape.depth() > this.limits.maxDepth()) {
				errors.add(error(which + " is " + shape.depth() + " fields deep; the maximum depth is "
						+ this.limits.maxDepth() + ".", ErrorCodes.MAX_DEPTH_EXCEEDED, operation));
			}
			if (shape.aliases() > this.limits.maxAliases()) {
				errors.add(error(which + " has " + shape.aliases() + " aliases; the maximum is "
						+ this.limits.maxAliases() + ".", ErrorCodes.MAX_ALIASES_EXCEEDED, operation));
			}
			if (shape.fields() > this.limits.maxRootFields()) {
				errors.add(error(which + " has " + shape.fields() + " root fields; the maximum is "
						+ this.limits.maxRootFields() + ".", ErrorCodes.MAX_ROOT_FIELDS_EXCEEDED, operation));
			}
		}
		return errors;
	}

	/**
	 * Checks the operation to run with its variables: introspection when it is off, the
	 * estimated cost.
	 * @param document the valid document
	 * @param operation the selected operation
	 * @param variables the coerced variables
	 * @throws RequestException when the operation must not run
	 */
	public void checkOperation(Document document, OperationDefinition operation, Map<String, Object> variables) {
		if (!this.introspection && usesIntrospection(document, operation.getSelectionSet(), new HashSet<>())) {
			throw new RequestException("Introspection is disabled: __schema and __type are not answered.",
					ErrorCodes.INTROSPECTION_DISABLED);
		}
		long cost = this.costs.estimate(document, operation, variables);
		if (cost > this.limits.maxCost()) {
			throw new RequestException(List.of(error(
					"The operation's estimated cost is "
							+ ((cost == Long.MAX_VALUE) ? "beyond measure" : String.valueOf(cost))
							+ "; the maximum cost is " + this.limits.maxCost() + ".",
					ErrorCodes.COST_ESTIMATED_TOO_EXPENSIVE, operation)));
		}
	}

	/**
	 * Removes "Did you mean" suggestions from error messages when introspection is off:
	 * they would let a client rebuild the schema field by field. Errors with the same
	 * message and code become one error with all their locations, so repeating a mistake
	 * (ten unknown directives: graphql-cop's directive overloading probe) does not
	 * multiply the work and the answer.
	 * @param errors the errors
	 * @return the errors to answer
	 */
	public List<RequestError> mask(List<RequestError> errors) {
		List<RequestError> masked = this.introspection ? errors : errors.stream()
			.map((e) -> new RequestError(SUGGESTION.matcher(e.message()).replaceAll(""), e.locations(), e.code()))
			.toList();
		java.util.Map<String, RequestError> distinct = new java.util.LinkedHashMap<>();
		for (RequestError error : masked) {
			distinct.merge(error.code() + '\u0000' + error.message(), error, (first, again) -> {
				List<graphql.language.SourceLocation> locations = new ArrayList<>(first.locations());
				locations.addAll(again.locations());
				return new RequestError(first.message(), locations, first.code());
			});
		}
		return (distinct.size() == masked.size()) ? masked : List.copyOf(distinct.values());
	}

	private static boolean usesIntrospection(Document document, SelectionSet set, Set<String> visited) {
		for (Selection<?> selection : set.getSelections()) {
			boolean uses = switch (selection) {
				case Field field -> field.getName().equals("__schema") || field.getName().equals("__type");
				case InlineFragment inline -> usesIntrospection(document, inline.getSelectionSet(), visited);
				case FragmentSpread spread ->
					visited.add(spread.getName()) && document.getDefinitionsOfType(FragmentDefinition.class)
						.stream()
						.filter((f) -> f.getName().equals(spread.getName()))
						.anyMatch((f) -> usesIntrospection(document, f.getSelectionSet(), visited));
				default -> false;
			};
			if (uses) {
				return true;
			}
		}
		return false;
	}

	private static long directives(graphql.language.Node<?> node) {
		long count = (node instanceof graphql.language.Directive) ? 1 : 0;
		for (graphql.language.Node<?> child : node.getChildren()) {
			count += directives(child);
		}
		return count;
	}

	private static RequestError error(String message, String code, OperationDefinition operation) {
		return new RequestError(message,
				(operation.getSourceLocation() != null) ? List.of(operation.getSourceLocation()) : List.of(), code);
	}

}
