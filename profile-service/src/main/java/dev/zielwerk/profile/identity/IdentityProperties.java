package dev.zielwerk.profile.identity;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Guardrails of identity resolution ({@code zielwerk.profile.identity.*}).
 *
 * @param priority identifier types from most to least trusted; decides the survivor of a
 * merge
 * @param limits the most identifiers of a type one profile may hold; types not listed are
 * unlimited
 * @param blockedValues normalized values that never identify anyone (compared
 * case-insensitively)
 * @param defaultRegion region for phone numbers written without a country code
 */
@ConfigurationProperties("zielwerk.profile.identity")
public record IdentityProperties(@Nullable List<IdentityType> priority, @Nullable Map<IdentityType, Integer> limits,
		@Nullable Set<String> blockedValues, @Nullable String defaultRegion) {

	static final List<IdentityType> DEFAULT_PRIORITY = List.of(IdentityType.USER_ID, IdentityType.EMAIL,
			IdentityType.PHONE, IdentityType.DEVICE_ID, IdentityType.ANONYMOUS_ID, IdentityType.CUSTOM);

	static final Map<IdentityType, Integer> DEFAULT_LIMITS = Map.of(IdentityType.USER_ID, 1, IdentityType.EMAIL, 5,
			IdentityType.PHONE, 5);

	static final Set<String> DEFAULT_BLOCKED = Set.of("", "null", "undefined", "0", "-1", "none", "nil", "n/a", "na",
			"unknown", "anonymous", "guest", "test", "[object object]", "test@test.com", "test@example.com",
			"example@example.com", "noreply@example.com", "user@example.com", "email@email.com");

	public IdentityProperties {
		priority = (priority == null || priority.isEmpty()) ? DEFAULT_PRIORITY : List.copyOf(priority);
		Map<IdentityType, Integer> merged = new EnumMap<>(IdentityType.class);
		merged.putAll(DEFAULT_LIMITS);
		if (limits != null) {
			merged.putAll(limits);
		}
		limits = Map.copyOf(merged);
		blockedValues = ((blockedValues == null) ? DEFAULT_BLOCKED : blockedValues).stream()
			.map((value) -> value.trim().toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		defaultRegion = (defaultRegion == null || defaultRegion.isBlank()) ? "DE" : defaultRegion;
	}

	/** Defaults only, for tests and tools. */
	public static IdentityProperties defaults() {
		return new IdentityProperties(null, null, null, null);
	}

	/** Rank of the type: 0 is the most trusted. */
	int rank(IdentityType type) {
		List<IdentityType> order = priority();
		int index = (order != null) ? order.indexOf(type) : -1;
		return (index >= 0) ? index : IdentityType.values().length;
	}

	int limit(IdentityType type) {
		Map<IdentityType, Integer> all = limits();
		Integer limit = (all != null) ? all.get(type) : null;
		return (limit != null && limit > 0) ? limit : Integer.MAX_VALUE;
	}

}
