package dev.zielwerk.segment.rule;

import java.util.Set;

/**
 * The segments a rule may refer to with {@code in segment "key"}, as the validator sees
 * them. The segment store implements it; tests use a map.
 */
public interface SegmentCatalog {

	/**
	 * Whether a segment with this key exists.
	 * @param key a segment key
	 * @return true when it exists
	 */
	boolean exists(String key);

	/**
	 * The keys a segment's current rule refers to.
	 * @param key an existing segment key
	 * @return the referenced keys, empty for an unknown key
	 */
	Set<String> references(String key);

	/**
	 * Every key, for "did you mean" suggestions.
	 * @return all segment keys
	 */
	Set<String> keys();

	/**
	 * A catalog without segments.
	 * @return the empty catalog
	 */
	static SegmentCatalog empty() {
		return new SegmentCatalog() {

			@Override
			public boolean exists(String key) {
				return false;
			}

			@Override
			public Set<String> references(String key) {
				return Set.of();
			}

			@Override
			public Set<String> keys() {
				return Set.of();
			}

		};
	}

}
