package dev.zielwerk.profile.traits;

import java.util.Locale;
import java.util.Optional;

/**
 * The typed groups traits live in; {@link #key()} is the name used in the rule language
 * ({@code traits.geo.country}), the stream and the {@code traits} table.
 */
public enum TraitGroup {

	DEMOGRAPHIC, GEO, PSYCHOGRAPHIC, TECHNOGRAPHIC, FIRMOGRAPHIC, CUSTOM;

	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<TraitGroup> fromKey(String key) {
		for (TraitGroup group : values()) {
			if (group.key().equals(key)) {
				return Optional.of(group);
			}
		}
		return Optional.empty();
	}

}
