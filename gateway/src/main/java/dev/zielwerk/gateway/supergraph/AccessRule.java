package dev.zielwerk.gateway.supergraph;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the supergraph's authorization directives demand of a caller for one type or
 * field: {@code @authenticated} (any authenticated caller), {@code @requiresScopes} (one
 * of the scope sets, every scope of it). A rule with neither demands nothing.
 *
 * @param authenticated whether an authenticated caller is needed
 * @param scopes the alternative scope sets (OR of ANDs); empty for no scope requirement
 */
public record AccessRule(boolean authenticated, List<Set<String>> scopes) {

	/** No requirement at all. */
	public static final AccessRule NONE = new AccessRule(false, List.of());

	public AccessRule {
		scopes = List.copyOf(scopes.stream().map(Set::copyOf).toList());
	}

	/**
	 * Whether the rule demands anything.
	 * @return true for {@code @authenticated} or {@code @requiresScopes}
	 */
	public boolean restricts() {
		return this.authenticated || !this.scopes.isEmpty();
	}

	/**
	 * Whether a caller's scopes satisfy the scope part of the rule.
	 * @param granted the scopes the caller holds
	 * @return true when some alternative is fully granted (or there is none)
	 */
	public boolean scopesSatisfiedBy(Set<String> granted) {
		return this.scopes.isEmpty() || this.scopes.stream().anyMatch(granted::containsAll);
	}

	/**
	 * Both rules at once (a field's own rule and the rule of the type it returns).
	 * @param other the other rule
	 * @return the combined rule
	 */
	public AccessRule and(AccessRule other) {
		if (!other.restricts()) {
			return this;
		}
		if (!restricts()) {
			return other;
		}
		List<Set<String>> combined;
		if (this.scopes.isEmpty() || other.scopes.isEmpty()) {
			combined = this.scopes.isEmpty() ? other.scopes : this.scopes;
		}
		else {
			List<Set<String>> product = new ArrayList<>();
			for (Set<String> a : this.scopes) {
				for (Set<String> b : other.scopes) {
					Set<String> joined = new LinkedHashSet<>(a);
					joined.addAll(b);
					product.add(joined);
				}
			}
			combined = product;
		}
		return new AccessRule(this.authenticated || other.authenticated, combined);
	}

}
