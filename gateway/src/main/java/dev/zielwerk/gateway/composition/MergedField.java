package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Directive;
import graphql.language.Type;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

/**
 * A field (argument, input field, enum value) of the supergraph with the subgraph
 * declarations it was merged from.
 */
final class MergedField {

	final String name;

	@Nullable String description;

	@Nullable Type<?> type;

	@Nullable Value<?> defaultValue;

	/** Per subgraph (in subgraph order) its declaration. */
	final Map<String, SubField> sources = new LinkedHashMap<>();

	/** Whether every declaration has the same type (else {@code @join__field(type:)}). */
	boolean typesEqual = true;

	final List<MergedField> arguments = new ArrayList<>();

	final List<Directive> carried = new ArrayList<>();

	/** Subgraphs whose declaration another subgraph overrides. */
	final Set<String> overridden = new LinkedHashSet<>();

	/** Overridden declarations still needed by their subgraph's keys. */
	final Set<String> usedOverridden = new LinkedHashSet<>();

	/** Added to an implementation from an {@code @interfaceObject} of its interface. */
	boolean viaInterfaceObject;

	/** {@code @tag} names, carried to the supergraph. */
	final Set<String> tags = new LinkedHashSet<>();

	boolean inaccessible;

	/** {@code @authenticated}: only authenticated callers may see it. */
	boolean authenticated;

	/**
	 * {@code @requiresScopes}: one of the inner scope sets (all of its scopes) is needed;
	 * null without the directive.
	 */
	@Nullable List<List<String>> requiresScopes;

	MergedField(String name) {
		this.name = name;
	}

	Type<?> type() {
		if (this.type == null) {
			throw new IllegalStateException(this.name + " has no type");
		}
		return this.type;
	}

}
