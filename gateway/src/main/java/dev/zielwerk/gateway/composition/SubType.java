package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

import graphql.language.Directive;
import org.jspecify.annotations.Nullable;

/**
 * A named type as one subgraph declares it (its definition and extensions together), with
 * its federation directives.
 */
final class SubType {

	final String name;

	final Kind kind;

	@Nullable String description;

	/** Declared only through {@code extend type} (or {@code @extends}). */
	boolean extension = true;

	final List<Key> keys = new ArrayList<>();

	boolean shareable;

	boolean external;

	boolean interfaceObject;

	boolean inaccessible;

	/** {@code @authenticated}: only authenticated callers may see it. */
	boolean authenticated;

	/**
	 * {@code @requiresScopes}: one of the inner scope sets (all of its scopes) is needed;
	 * null without the directive.
	 */
	@Nullable List<List<String>> requiresScopes;

	final List<String> interfaces = new ArrayList<>();

	final List<String> members = new ArrayList<>();

	/** Fields, input fields or enum values, in declaration order. */
	final Map<String, SubField> fields = new LinkedHashMap<>();

	final List<Directive> carried = new ArrayList<>();

	/** {@code @tag} names, carried to the supergraph. */
	final Set<String> tags = new LinkedHashSet<>();

	SubType(String name, Kind kind) {
		this.name = name;
		this.kind = kind;
	}

	boolean isComposite() {
		return this.kind == Kind.OBJECT || this.kind == Kind.INTERFACE;
	}

	/**
	 * A {@code @key} of the type.
	 *
	 * @param fields the field set
	 * @param resolvable whether other subgraphs can enter this one through the key
	 */
	record Key(String fields, boolean resolvable) {
	}

}
