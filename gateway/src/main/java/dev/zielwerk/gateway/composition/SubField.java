package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import graphql.language.Directive;
import graphql.language.Type;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

/**
 * A field, argument, input field or enum value as one subgraph declares it, with the
 * federation directives read under the subgraph's own names. Enum values have no type.
 */
final class SubField {

	final String name;

	@Nullable String description;

	@Nullable Type<?> type;

	@Nullable Value<?> defaultValue;

	final List<SubField> arguments = new ArrayList<>();

	/** Built-in directives carried to the supergraph ({@code @deprecated}). */
	final List<Directive> carried = new ArrayList<>();

	/** {@code @tag} names, carried to the supergraph. */
	final Set<String> tags = new LinkedHashSet<>();

	boolean external;

	boolean shareable;

	boolean inaccessible;

	/** {@code @authenticated}: only authenticated callers may see it. */
	boolean authenticated;

	/**
	 * {@code @requiresScopes}: one of the inner scope sets (all of its scopes) is needed;
	 * null without the directive.
	 */
	@Nullable List<List<String>> requiresScopes;

	@Nullable String requires;

	@Nullable String provides;

	@Nullable String override;

	SubField(String name) {
		this.name = name;
	}

	Type<?> type() {
		if (this.type == null) {
			throw new IllegalStateException(this.name + " has no type");
		}
		return this.type;
	}

	@Nullable SubField argument(String name) {
		return this.arguments.stream().filter((a) -> a.name.equals(name)).findFirst().orElse(null);
	}

}
