package dev.zielwerk.profile.profiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A person's traits by group (demographic, geo, psychographic, technographic,
 * firmographic, custom), each list sorted by name.
 */
public record ProfileTraits(Map<String, List<Trait>> groups) {

	/** The trait groups, as stored in {@code traits.trait_group}. */
	public static final List<String> GROUPS = List.of("demographic", "geo", "psychographic", "technographic",
			"firmographic", "custom", "partner");

	public List<Trait> demographic() {
		return group("demographic");
	}

	public List<Trait> geo() {
		return group("geo");
	}

	public List<Trait> psychographic() {
		return group("psychographic");
	}

	public List<Trait> technographic() {
		return group("technographic");
	}

	public List<Trait> firmographic() {
		return group("firmographic");
	}

	public List<Trait> custom() {
		return group("custom");
	}

	/** Second-party traits: one per partner, named by its id, holding its traits. */
	public List<Trait> partner() {
		return group("partner");
	}

	/**
	 * All traits as {@code { group: { name: value } }}, groups without traits left out.
	 */
	public Map<String, Map<String, @Nullable Object>> json() {
		Map<String, Map<String, @Nullable Object>> json = new LinkedHashMap<>();
		this.groups.forEach((group, traits) -> {
			Map<String, @Nullable Object> values = new LinkedHashMap<>();
			traits.forEach((trait) -> values.put(trait.name(), trait.value()));
			json.put(group, values);
		});
		return json;
	}

	private List<Trait> group(String name) {
		return this.groups.getOrDefault(name, List.of());
	}

}
