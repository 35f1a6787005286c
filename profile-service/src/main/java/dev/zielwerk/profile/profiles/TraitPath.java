package dev.zielwerk.profile.profiles;

import dev.zielwerk.profile.error.InvalidInputException;

/** A trait address, {@code group.name}, e.g. {@code geo.country}. */
public record TraitPath(String group, String name) {

	/** Parses {@code group.name}; the name may itself contain dots. */
	public static TraitPath parse(String field, String path) {
		int dot = path.indexOf('.');
		if (dot < 1 || dot == path.length() - 1) {
			throw new InvalidInputException(field, "a trait path is written group.name, e.g. geo.country");
		}
		String group = path.substring(0, dot);
		if (!ProfileTraits.GROUPS.contains(group)) {
			throw new InvalidInputException(field,
					"unknown trait group \"" + group + "\"; one of " + String.join(", ", ProfileTraits.GROUPS));
		}
		return new TraitPath(group, path.substring(dot + 1));
	}

}
