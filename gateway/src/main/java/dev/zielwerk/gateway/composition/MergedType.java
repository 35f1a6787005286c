package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.language.Directive;
import org.jspecify.annotations.Nullable;

/**
 * A named type of the supergraph with the subgraph declarations it was merged from.
 */
final class MergedType {

	final String name;

	Kind kind;

	@Nullable String description;

	/** Per subgraph (in subgraph order) its declaration. */
	final Map<String, SubType> sources = new LinkedHashMap<>();

	/** Fields, input fields or enum values. */
	final Map<String, MergedField> fields = new LinkedHashMap<>();

	/** Per implemented interface (or union member) the subgraphs that declare it. */
	final Map<String, Set<String>> interfaces = new LinkedHashMap<>();

	final Map<String, Set<String>> members = new LinkedHashMap<>();

	final List<Directive> carried = new ArrayList<>();

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

	MergedType(String name, Kind kind) {
		this.name = name;
		this.kind = kind;
	}

	void addInterface(String name, String subgraph) {
		this.interfaces.computeIfAbsent(name, (k) -> new LinkedHashSet<>()).add(subgraph);
	}

	void addMember(String name, String subgraph) {
		this.members.computeIfAbsent(name, (k) -> new LinkedHashSet<>()).add(subgraph);
	}

}
