package dev.zielwerk.gateway.operation;

import java.util.List;

import graphql.language.Argument;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLTypeUtil;
import org.jspecify.annotations.Nullable;

/**
 * One field of a normalized operation: fragments expanded, {@code @skip}/{@code @include}
 * applied, same response keys merged.
 *
 * @param responseKey the alias or, without one, the field name
 * @param name the field name
 * @param arguments the arguments as written (variables stay references)
 * @param type the declared output type
 * @param selectionSet the sub-selections, {@code null} for leaves
 */
public record Field(String responseKey, String name, List<Argument> arguments, GraphQLOutputType type,
		@Nullable SelectionSet selectionSet) {

	/** The meta field every object answers. */
	public static final String TYPENAME = "__typename";

	public boolean isTypename() {
		return TYPENAME.equals(this.name);
	}

	/**
	 * Whether this is {@code __schema} or {@code __type}, answered from the API schema as
	 * a whole.
	 * @return true for the introspection root fields
	 */
	public boolean isIntrospection() {
		return "__schema".equals(this.name) || "__type".equals(this.name);
	}

	/**
	 * The same field under another response key.
	 * @param key the response key
	 * @return the field with that key
	 */
	public Field withResponseKey(String key) {
		return key.equals(this.responseKey) ? this
				: new Field(key, this.name, this.arguments, this.type, this.selectionSet);
	}

	/**
	 * The type without list and non-null wrappers.
	 * @return the named type's name
	 */
	public String namedType() {
		return GraphQLTypeUtil.unwrapAll(this.type).getName();
	}

}
