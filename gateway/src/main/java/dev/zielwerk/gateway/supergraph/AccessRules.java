package dev.zielwerk.gateway.supergraph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.FieldDefinition;
import graphql.language.ImplementingTypeDefinition;
import graphql.language.SchemaDefinition;
import graphql.language.StringValue;
import graphql.language.TypeDefinition;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

/**
 * The authorization metadata of a supergraph: the {@code @authenticated} and
 * {@code @requiresScopes} directives (Apollo's {@code authenticated/v0.1} and
 * {@code requiresScopes/v0.1} specs, under the names their {@code @link}s give them) on
 * types and fields. The API schema does not show these directives; this is where the
 * gateway's authorization reads them.
 */
public final class AccessRules {

	private final Map<String, AccessRule> types = new ConcurrentHashMap<>();

	private final Map<String, AccessRule> fields = new ConcurrentHashMap<>();

	private AccessRules() {
	}

	static AccessRules read(Document document) {
		String authenticated = null;
		String requiresScopes = null;
		for (SchemaDefinition schema : document.getDefinitionsOfType(SchemaDefinition.class)) {
			for (Directive link : schema.getDirectives("link")) {
				String url = string(link.getArgument("url"));
				String as = string(link.getArgument("as"));
				if (url == null) {
					continue;
				}
				if (url.matches("^https?://specs\\.apollo\\.dev/authenticated/v0\\.\\d+/?$")) {
					authenticated = (as != null) ? as : "authenticated";
				}
				else if (url.matches("^https?://specs\\.apollo\\.dev/requiresScopes/v0\\.\\d+/?$")) {
					requiresScopes = (as != null) ? as : "requiresScopes";
				}
			}
		}
		AccessRules rules = new AccessRules();
		if (authenticated == null && requiresScopes == null) {
			return rules;
		}
		for (TypeDefinition<?> type : document.getDefinitionsOfType(TypeDefinition.class)) {
			AccessRule rule = rule(type, authenticated, requiresScopes);
			if (rule.restricts()) {
				rules.types.put(type.getName(), rule);
			}
			if (type instanceof ImplementingTypeDefinition<?> composite) {
				for (FieldDefinition field : composite.getFieldDefinitions()) {
					AccessRule fieldRule = rule(field, authenticated, requiresScopes);
					if (fieldRule.restricts()) {
						rules.fields.put(type.getName() + "." + field.getName(), fieldRule);
					}
				}
			}
		}
		return rules;
	}

	/**
	 * The rule a type carries itself.
	 * @param typeName the type
	 * @return its rule, {@link AccessRule#NONE} when it has none
	 */
	public AccessRule type(String typeName) {
		return this.types.getOrDefault(typeName, AccessRule.NONE);
	}

	/**
	 * The rule a field carries itself (not the rule of the type it returns).
	 * @param typeName the parent type
	 * @param fieldName the field
	 * @return its rule, {@link AccessRule#NONE} when it has none
	 */
	public AccessRule field(String typeName, String fieldName) {
		return this.fields.getOrDefault(typeName + "." + fieldName, AccessRule.NONE);
	}

	/**
	 * Whether the supergraph uses the authorization directives at all.
	 * @return true when some type or field has a rule
	 */
	public boolean any() {
		return !this.types.isEmpty() || !this.fields.isEmpty();
	}

	/**
	 * Every field coordinate ({@code Type.field}) with a rule of its own.
	 * @return the rules by coordinate
	 */
	public Map<String, AccessRule> fieldRules() {
		return Map.copyOf(this.fields);
	}

	private static AccessRule rule(DirectivesContainer<?> element, @Nullable String authenticated,
			@Nullable String requiresScopes) {
		boolean needsAuthentication = authenticated != null && element.hasDirective(authenticated);
		List<Set<String>> scopes = new ArrayList<>();
		if (requiresScopes != null) {
			for (Directive directive : element.getDirectives(requiresScopes)) {
				scopes = new AccessRule(false, scopes).and(new AccessRule(false, scopes(directive))).scopes();
			}
		}
		return new AccessRule(needsAuthentication, scopes);
	}

	private static List<Set<String>> scopes(Directive directive) {
		List<Set<String>> alternatives = new ArrayList<>();
		Argument argument = directive.getArgument("scopes");
		if (argument != null && argument.getValue() instanceof ArrayValue outer) {
			for (Value<?> value : outer.getValues()) {
				Set<String> all = new LinkedHashSet<>();
				if (value instanceof ArrayValue inner) {
					inner.getValues().forEach((v) -> {
						if (v instanceof StringValue s) {
							all.add(s.getValue());
						}
					});
				}
				else if (value instanceof StringValue s) {
					all.add(s.getValue());
				}
				alternatives.add(all);
			}
		}
		return alternatives;
	}

	private static @Nullable String string(@Nullable Argument argument) {
		return (argument != null && argument.getValue() instanceof StringValue value) ? value.getValue() : null;
	}

}
