package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

/**
 * The names one subgraph uses for the federation directives: imported through
 * {@code @link(url: ".../federation/v2.x", import: [...])}, possibly renamed
 * ({@code {name: "@shareable", as: "@share"}}), or namespaced ({@code @federation__key},
 * or the prefix given by {@code as:}). Without a federation link the subgraph is a
 * Federation 1 subgraph and uses the plain names.
 */
final class FederationNames {

	static final Set<String> DIRECTIVES = Set.of("key", "requires", "provides", "external", "tag", "extends",
			"shareable", "inaccessible", "override", "composeDirective", "interfaceObject", "authenticated",
			"requiresScopes", "policy", "context", "fromContext", "cost", "listSize");

	private static final Pattern FEDERATION_URL = Pattern
		.compile("^https?://specs\\.apollo\\.dev/federation/v(\\d+)\\.(\\d+)/?$");

	private static final int LATEST_MINOR = 11;

	private final Map<String, String> byLocalName = new HashMap<>();

	private final Set<String> machineryPrefixes = new HashSet<>();

	private final Set<String> importedTypes = new HashSet<>();

	private final boolean federation1;

	private FederationNames(boolean federation1) {
		this.federation1 = federation1;
	}

	/**
	 * Reads the {@code @link}s of a subgraph's schema definitions and extensions.
	 * @param links the {@code @link} directives
	 * @param subgraph the subgraph name, for errors
	 * @param errors where problems go
	 * @return the names
	 */
	static FederationNames read(List<Directive> links, String subgraph, List<CompositionError> errors) {
		Directive federation = null;
		List<Directive> others = new ArrayList<>();
		for (Directive link : links) {
			String url = string(link.getArgument("url"));
			if (url != null && url.contains("specs.apollo.dev/federation/")) {
				Matcher version = FEDERATION_URL.matcher(url);
				if (!version.matches() || !version.group(1).equals("2")
						|| Integer.parseInt(version.group(2)) > LATEST_MINOR) {
					errors.add(new CompositionError("UNKNOWN_FEDERATION_LINK_VERSION",
							"[" + subgraph + "] Invalid version for the federation feature in @link: " + url, null,
							null, List.of(subgraph)));
				}
				federation = link;
			}
			else {
				others.add(link);
			}
		}
		FederationNames names = new FederationNames(federation == null);
		if (federation == null) {
			DIRECTIVES.forEach((d) -> names.byLocalName.put(d, d));
			names.importedTypes.add("_FieldSet");
			names.importedTypes.add("FieldSet");
		}
		else {
			String prefix = string(federation.getArgument("as"));
			prefix = (prefix != null) ? prefix : "federation";
			names.machineryPrefixes.add(prefix + "__");
			for (String directive : DIRECTIVES) {
				names.byLocalName.put(prefix + "__" + directive, directive);
			}
			names.imports(federation, subgraph, errors);
		}
		names.machineryPrefixes.add("link__");
		for (Directive other : others) {
			String url = string(other.getArgument("url"));
			String as = string(other.getArgument("as"));
			if (url != null) {
				String[] parts = url.split("/");
				String spec = (as != null) ? as : ((parts.length >= 2) ? parts[parts.length - 2] : url);
				names.machineryPrefixes.add(spec + "__");
			}
		}
		return names;
	}

	private void imports(Directive federation, String subgraph, List<CompositionError> errors) {
		Argument argument = federation.getArgument("import");
		if (argument == null || !(argument.getValue() instanceof ArrayValue array)) {
			return;
		}
		for (Value<?> value : array.getValues()) {
			String name = null;
			String as = null;
			if (value instanceof StringValue string) {
				name = string.getValue();
			}
			else if (value instanceof ObjectValue object) {
				for (ObjectField field : object.getObjectFields()) {
					if (field.getValue() instanceof StringValue string) {
						if (field.getName().equals("name")) {
							name = string.getValue();
						}
						else if (field.getName().equals("as")) {
							as = string.getValue();
						}
					}
				}
			}
			if (name == null) {
				continue;
			}
			if (!name.startsWith("@")) {
				this.importedTypes.add((as != null) ? as : name);
				continue;
			}
			String directive = name.substring(1);
			if (!DIRECTIVES.contains(directive)) {
				errors.add(
						new CompositionError(
								"INVALID_LINK_DIRECTIVE_USAGE", "[" + subgraph + "] Cannot import unknown element \""
										+ name + "\" from the federation specification.",
								null, null, List.of(subgraph)));
				continue;
			}
			if (as != null && !as.startsWith("@")) {
				errors.add(new CompositionError("INVALID_LINK_DIRECTIVE_USAGE",
						"[" + subgraph + "] Invalid @link import renaming: directive \"" + name
								+ "\" imported name should start with a '@' character, but got \"" + as + "\".",
						null, null, List.of(subgraph)));
				continue;
			}
			String local = (as != null) ? as.substring(1) : directive;
			this.byLocalName.put(local, directive);
		}
	}

	boolean federation1() {
		return this.federation1;
	}

	/**
	 * The federation directive a directive of the subgraph stands for.
	 * @param localName the name the subgraph uses
	 * @return the federation directive name ({@code key}, {@code shareable}, ...), or
	 * null for other directives
	 */
	@Nullable String federationDirective(String localName) {
		return this.byLocalName.get(localName);
	}

	/**
	 * Whether a type of the subgraph belongs to linked specs or the federation runtime
	 * ({@code _Service}, {@code _Any}, {@code link__Import},
	 * {@code federation__FieldSet}, an imported {@code FieldSet}) and stays out of the
	 * supergraph.
	 * @param typeName the type name
	 * @return true for machinery
	 */
	boolean isMachineryType(String typeName) {
		return typeName.startsWith("_") || this.importedTypes.contains(typeName)
				|| this.machineryPrefixes.stream().anyMatch(typeName::startsWith);
	}

	static @Nullable String string(@Nullable Argument argument) {
		return (argument != null && argument.getValue() instanceof StringValue value) ? value.getValue() : null;
	}

}
