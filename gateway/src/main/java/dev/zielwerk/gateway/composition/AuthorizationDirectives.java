package dev.zielwerk.gateway.composition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.Directive;
import graphql.language.StringValue;
import graphql.language.Value;
import org.jspecify.annotations.Nullable;

/**
 * The Federation 2.5 authorization directives {@code @authenticated} and
 * {@code @requiresScopes}: how the supergraph declares them (Apollo's
 * {@code authenticated/v0.1} and {@code requiresScopes/v0.1} specs), and how scope
 * requirements from several subgraphs combine. A scope requirement is in disjunctive
 * normal form: the outer list is an OR, each inner list an AND. When several subgraphs
 * (or a definition and its extension) put requirements on the same element, all of them
 * must hold, so they are combined by conjunction, as Apollo's composition does since it
 * stopped taking their union (which would let a caller in with the weakest requirement).
 */
final class AuthorizationDirectives {

	static final String AUTHENTICATED_LINK = "  @link(url: \"https://specs.apollo.dev/authenticated/v0.1\", for: SECURITY)\n";

	static final String REQUIRES_SCOPES_LINK = "  @link(url: \"https://specs.apollo.dev/requiresScopes/v0.1\", for: SECURITY)\n";

	static final String AUTHENTICATED = "directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM";

	static final String REQUIRES_SCOPES = "directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM";

	static final String SCOPE_SCALAR = "scalar requiresScopes__Scope\n";

	private static final Comparator<List<String>> PRINTED_ORDER = Comparator
		.comparing(AuthorizationDirectives::printList);

	private AuthorizationDirectives() {
	}

	/**
	 * Reads the {@code scopes} argument of a {@code @requiresScopes} and combines it with
	 * what the element already requires.
	 * @param directive the directive
	 * @param existing the requirement read so far, or null
	 * @return the combined requirement
	 */
	static @Nullable List<List<String>> scopes(Directive directive, @Nullable List<List<String>> existing) {
		Argument argument = directive.getArgument("scopes");
		List<List<String>> read = new ArrayList<>();
		if (argument != null && argument.getValue() instanceof ArrayValue outer) {
			for (Value<?> value : outer.getValues()) {
				List<String> inner = new ArrayList<>();
				if (value instanceof ArrayValue array) {
					array.getValues().forEach((v) -> {
						if (v instanceof StringValue string) {
							inner.add(string.getValue());
						}
					});
				}
				else if (value instanceof StringValue string) {
					// input coercion of a single value to a list
					inner.add(string.getValue());
				}
				read.add(inner);
			}
		}
		return conjunction(existing, read);
	}

	/**
	 * Both requirements at once, in disjunctive normal form: every pair of alternatives
	 * joined, duplicates dropped, and alternatives that contain another one dropped
	 * ({@code a OR (a AND b)} is {@code a}). An empty outer list places no requirement.
	 * @param left one requirement, or null for none
	 * @param right the other, or null for none
	 * @return the conjunction, sorted as Apollo prints it, or null when both are null
	 */
	static @Nullable List<List<String>> conjunction(@Nullable List<List<String>> left,
			@Nullable List<List<String>> right) {
		if (left == null && right == null) {
			return null;
		}
		if (left == null || right == null) {
			return normalize((left != null) ? left : right);
		}
		List<List<String>> a = normalize(left);
		List<List<String>> b = normalize(right);
		if (a.equals(b)) {
			return a;
		}
		Set<List<String>> product = new LinkedHashSet<>();
		for (List<String> x : alternatives(a)) {
			for (List<String> y : alternatives(b)) {
				Set<String> joined = new TreeSet<>(x);
				joined.addAll(y);
				product.add(List.copyOf(joined));
			}
		}
		return withoutSubsumed(new ArrayList<>(product));
	}

	private static List<List<String>> alternatives(List<List<String>> requirement) {
		// no alternatives means no requirement: one empty conjunction, always true
		return requirement.isEmpty() ? List.of(List.of()) : requirement;
	}

	private static List<List<String>> normalize(List<List<String>> requirement) {
		Set<List<String>> sorted = new LinkedHashSet<>();
		requirement.forEach((inner) -> sorted.add(List.copyOf(new TreeSet<>(inner))));
		List<List<String>> result = new ArrayList<>(sorted);
		result.sort(PRINTED_ORDER);
		return List.copyOf(result);
	}

	private static List<List<String>> withoutSubsumed(List<List<String>> alternatives) {
		alternatives.sort(PRINTED_ORDER);
		alternatives.sort(Comparator.comparingInt(List::size));
		List<List<String>> kept = new ArrayList<>();
		for (List<String> candidate : alternatives) {
			if (kept.stream().noneMatch(candidate::containsAll)) {
				kept.add(candidate);
			}
		}
		return List.copyOf(kept);
	}

	/**
	 * Prints the applied directives for an element.
	 * @param authenticated whether it has {@code @authenticated}
	 * @param scopes its scope requirement, or null
	 * @return the directives with a leading space each, or an empty string
	 */
	static String applied(boolean authenticated, @Nullable List<List<String>> scopes) {
		StringBuilder out = new StringBuilder();
		if (authenticated) {
			out.append(" @authenticated");
		}
		if (scopes != null) {
			out.append(" @requiresScopes(scopes: [");
			for (int i = 0; i < scopes.size(); i++) {
				out.append((i > 0) ? ", " : "").append(printList(scopes.get(i)));
			}
			out.append("])");
		}
		return out.toString();
	}

	private static String printList(List<String> scopes) {
		List<String> quoted = scopes.stream().map(SupergraphPrinter::quote).toList();
		return "[" + String.join(", ", quoted) + "]";
	}

}
