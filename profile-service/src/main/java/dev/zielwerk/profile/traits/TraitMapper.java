package dev.zielwerk.profile.traits;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Sorts Segment-spec traits into groups. Reserved traits of the spec go to their group
 * (firstName to demographic, address.city to geo.city, company.employee_count to
 * firmographic.employees, ...); a key named like a group with an object value
 * ({@code "geo": {"country": "DE"}}) fills that group; e-mail and phone are identifiers
 * and no traits; everything else is custom.
 */
public final class TraitMapper {

	private static final Set<String> DEMOGRAPHIC = Set.of("age", "birthday", "gender", "firstName", "lastName", "name",
			"title");

	private static final Set<String> PSYCHOGRAPHIC = Set.of("interests", "values", "lifestyle");

	private static final Set<String> IDENTIFIERS = Set.of("email", "phone", "externalIds");

	private static final Map<String, String> GEO = Map.of("city", "city", "country", "country", "postalCode",
			"postalCode", "postal_code", "postalCode", "state", "state", "street", "street");

	private static final Set<String> GROUP_FIRMOGRAPHIC = Set.of("industry", "employees", "employee_count", "revenue",
			"plan", "name", "website", "id");

	private TraitMapper() {
	}

	/** Traits of an identify call. */
	public static Map<TraitGroup, Map<String, @Nullable Object>> fromIdentify(Map<String, ?> traits) {
		Map<TraitGroup, Map<String, @Nullable Object>> groups = new EnumMap<>(TraitGroup.class);
		traits.forEach((key, value) -> {
			if (IDENTIFIERS.contains(key)) {
				return;
			}
			if (TraitGroup.fromKey(key).isPresent() && value instanceof Map<?, ?> nested) {
				TraitGroup group = TraitGroup.fromKey(key).get();
				nested.forEach((name, v) -> put(groups, group, String.valueOf(name), v));
			}
			else if (key.equals("address") && value instanceof Map<?, ?> address) {
				address.forEach((name, v) -> put(groups, TraitGroup.GEO,
						GEO.getOrDefault(String.valueOf(name), String.valueOf(name)), v));
			}
			else if (key.equals("company") && value instanceof Map<?, ?> company) {
				company
					.forEach((name, v) -> put(groups, TraitGroup.FIRMOGRAPHIC, firmographic(String.valueOf(name)), v));
			}
			else if (DEMOGRAPHIC.contains(key)) {
				put(groups, TraitGroup.DEMOGRAPHIC, key, value);
			}
			else if (PSYCHOGRAPHIC.contains(key)) {
				put(groups, TraitGroup.PSYCHOGRAPHIC, key, value);
			}
			else {
				put(groups, TraitGroup.CUSTOM, key, value);
			}
		});
		return groups;
	}

	/**
	 * Traits of a group call: they describe the company, so the known ones are
	 * firmographic.
	 */
	public static Map<TraitGroup, Map<String, @Nullable Object>> fromGroup(Map<String, ?> traits) {
		Map<TraitGroup, Map<String, @Nullable Object>> groups = new EnumMap<>(TraitGroup.class);
		traits.forEach((key, value) -> {
			if (IDENTIFIERS.contains(key)) {
				return;
			}
			if (TraitGroup.fromKey(key).isPresent() && value instanceof Map<?, ?> nested) {
				TraitGroup group = TraitGroup.fromKey(key).get();
				nested.forEach((name, v) -> put(groups, group, String.valueOf(name), v));
			}
			else if (key.equals("address") && value instanceof Map<?, ?> address) {
				address.forEach((name, v) -> put(groups, TraitGroup.GEO,
						GEO.getOrDefault(String.valueOf(name), String.valueOf(name)), v));
			}
			else if (GROUP_FIRMOGRAPHIC.contains(key)) {
				put(groups, TraitGroup.FIRMOGRAPHIC, firmographic(key), value);
			}
			else {
				put(groups, TraitGroup.CUSTOM, key, value);
			}
		});
		return groups;
	}

	private static String firmographic(String name) {
		return name.equals("employee_count") ? "employees" : name;
	}

	private static void put(Map<TraitGroup, Map<String, @Nullable Object>> groups, TraitGroup group, String name,
			@Nullable Object value) {
		groups.computeIfAbsent(group, (g) -> new LinkedHashMap<>()).put(name, value);
	}

}
