package dev.zielwerk.gateway.composition;

import graphql.language.AstPrinter;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;

/**
 * Small helpers on type references ({@code [String!]!}).
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

	static boolean isBuiltInScalar(String name) {
		return switch (name) {
			case "String", "Int", "Float", "Boolean", "ID" -> true;
			default -> false;
		};
	}

}
