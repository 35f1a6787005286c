package dev.zielwerk.gateway.composition;

import java.util.stream.Collectors;

import graphql.language.ArrayValue;
import graphql.language.AstPrinter;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectValue;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.language.Value;

/**
 * Small helpers on type references ({@code [String!]!}) and value literals.
 */
final class TypeRefs {

	private TypeRefs() {
	}

	static String named(Type<?> type) {
		return switch (type) {
			case NonNullType nonNull -> named(nonNull.getType());
			case ListType list -> named(list.getType());
			case TypeName name -> name.getName();
			default -> type.toString();
		};
	}

	static String print(Type<?> type) {
		return AstPrinter.printAst(type);
	}

	/**
	 * A value literal as GraphQL's reference printer writes it ({@code {name: "x"}}).
	 * @param value the literal
	 * @return its text
	 */
	static String value(Value<?> value) {
		return switch (value) {
			case ObjectValue object -> "{" + object.getObjectFields()
				.stream()
				.map((field) -> field.getName() + ": " + value(field.getValue()))
				.collect(Collectors.joining(", ")) + "}";
			case ArrayValue array ->
				"[" + array.getValues().stream().map(TypeRefs::value).collect(Collectors.joining(", ")) + "]";
			default -> AstPrinter.printAst(value);
		};
	}

	static boolean isBuiltInScalar(String name) {
		return switch (name) {
			case "String", "Int", "Float", "Boolean", "ID" -> true;
			default -> false;
		};
	}

}
