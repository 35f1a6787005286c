package dev.zielwerk.gateway.composition;

import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.TypeName;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import org.jspecify.annotations.Nullable;

/**
 * Parses the field sets of {@code @key}, {@code @requires} and {@code @provides} and
 * walks them against the types of one subgraph.
 */
final class FieldSets {

	private FieldSets() {
	}

	/**
	 * Something a field set selects.
	 */
	interface Visitor {

		/**
		 * Called for each selected field, parents before children.
		 * @param parent the type the field is selected on
		 * @param field the field in the subgraph
		 * @param selection the selection, with its arguments and sub-selection
		 * @param topLevel whether the field is selected directly on the directive's type
		 * @return an error message, or null when the selection is fine
		 */
		@Nullable String visit(SubType parent, SubField field, Field selection, boolean topLevel);

	}

	static @Nullable SelectionSet parse(String fieldSet) {
		try {
			OperationDefinition operation = Parser.parse("{" + fieldSet + "}")
				.getDefinitionsOfType(OperationDefinition.class)
				.get(0);
			return operation.getSelectionSet();
		}
		catch (InvalidSyntaxException ex) {
			return null;
		}
	}

	/**
	 * The field set printed compactly, so that equal sets compare equal.
	 * @param fieldSet the field set
	 * @return its normal form, or the text itself when it does not parse
	 */
	static String normalize(String fieldSet) {
		SelectionSet selection = parse(fieldSet);
		if (selection == null) {
			return fieldSet;
		}
		String printed = AstPrinter.printAstCompact(selection);
		return printed.substring(1, printed.length() - 1).trim();
	}

	/**
	 * Walks a field set on a type.
	 * @return the first problem (syntax, unknown field, missing or superfluous
	 * sub-selection, or what the visitor reports), null when there is none
	 */
	static @Nullable String walk(SubgraphModel subgraph, SubType type, String fieldSet, Visitor visitor) {
		SelectionSet selection = parse(fieldSet);
		if (selection == null) {
			return "the field set does not parse as a selection";
		}
		if (selection.getSelections().isEmpty()) {
			return "the field set is empty";
		}
		return walk(subgraph, type, selection, visitor, true);
	}

	private static @Nullable String walk(SubgraphModel subgraph, SubType type, SelectionSet selections, Visitor visitor,
			boolean topLevel) {
		for (Selection<?> selection : selections.getSelections()) {
			String problem = switch (selection) {
				case Field field -> field(subgraph, type, field, visitor, topLevel);
				case InlineFragment fragment -> fragment(subgraph, type, fragment, visitor, topLevel);
				default -> "named fragments cannot be used in a field set";
			};
			if (problem != null) {
				return problem;
			}
		}
		return null;
	}

	private static @Nullable String fragment(SubgraphModel subgraph, SubType type, InlineFragment fragment,
			Visitor visitor, boolean topLevel) {
		TypeName condition = fragment.getTypeCondition();
		SubType target = (condition != null) ? subgraph.type(condition.getName()) : type;
		if (target == null || !target.isComposite()) {
			return "unknown type condition \"" + ((condition != null) ? condition.getName() : "") + "\"";
		}
		return walk(subgraph, target, fragment.getSelectionSet(), visitor, topLevel);
	}

	private static @Nullable String field(SubgraphModel subgraph, SubType type, Field selection, Visitor visitor,
			boolean topLevel) {
		if (selection.getName().equals("__typename")) {
			return null;
		}
		SubField field = type.fields.get(selection.getName());
		if (field == null) {
			return "Cannot query field \"" + selection.getName() + "\" on type \"" + type.name
					+ "\" (if the field is defined in another subgraph, you need to add it to this subgraph with @external).";
		}
		String visited = visitor.visit(type, field, selection, topLevel);
		if (visited != null) {
			return visited;
		}
		String named = TypeRefs.named(field.type());
		SubType fieldType = subgraph.type(named);
		boolean composite = fieldType != null && (fieldType.isComposite() || fieldType.kind == Kind.UNION);
		if (composite && selection.getSelectionSet() == null) {
			return "Field \"" + selection.getName() + "\" of type \"" + TypeRefs.print(field.type())
					+ "\" must have a selection of subfields.";
		}
		if (!composite && selection.getSelectionSet() != null) {
			return "Field \"" + selection.getName() + "\" must not have a selection since type \"" + named
					+ "\" has no subfields.";
		}
		if (composite) {
			return walk(subgraph, fieldType, selection.getSelectionSet(), visitor, false);
		}
		return null;
	}

}
