package dev.zielwerk.segment.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.zielwerk.segment.rule.ConsentPurpose;

/**
 * Random profile histories for the vocabulary of {@link RandomRules}: traits of mixed
 * types (missing, null, strings, numbers, dates, invalid dates, lists, objects), events
 * spread over ±400 days around {@link #BASE} with numeric and non-numeric properties,
 * consents with and without expiry, memberships.
 */
final class RandomProfiles {

	static final Instant BASE = Instant.parse("2026-06-01T00:00:00Z");

	static final List<String> SEGMENTS = List.of("vip", "churned");

	private static final List<String> ANY = List.of("null", "\"DE\"", "31", "1.50", "true", "[]", "{}",
			"\"2026-01-15\"", "[\"a\", 3]");

	private static final List<String> COUNTRIES = List.of("\"DE\"", "\"AT\"", "\"de\"", "\"\"", "\"D\"",
			"\"\uD83D\uDE00\"", "\"\uFFFD\"");

	private static final List<String> NUMBERS = List.of("0", "1", "25", "31", "31.0", "40", "-1", "0.4", "250", "1000",
			"1e2", "\"31\"");

	private static final List<String> DATES = List.of("\"2026-01-15\"", "\"2025-12-31T23:59:59.999999Z\"",
			"\"2026-02-30\"", "\"2026-03-01T10:00:00+02:00\"", "\"2026-01-15T00:00:00.1234567Z\"", "\"2026\"",
			"\"2026-06-01T00:00:00-14:59\"", "20260115", "\"2024-02-29\"");

	private static final List<String> LISTS = List.of("[\"a\", \"b\"]", "[3, \"a\"]", "[\"2026-01-15\", 1.5]", "[]",
			"[null, true]", "\"ab\"", "[[\"a\"]]");

	private final Random random;

	RandomProfiles(Random random) {
		this.random = random;
	}

	List<ProfileState> profiles(int count) {
		List<ProfileState> profiles = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			profiles.add(profile());
		}
		return profiles;
	}

	ProfileState profile() {
		Profiles.Builder profile = Profiles.profile(new UUID(this.random.nextLong(), this.random.nextLong()));
		maybeTrait(profile, "geo", "country", pick(COUNTRIES));
		maybeTrait(profile, "demographic", "age", pick(NUMBERS));
		maybeTrait(profile, "custom", "signup", pick(DATES));
		maybeTrait(profile, "custom", "tags", pick(LISTS));
		maybeTrait(profile, "custom", "vip", this.random.nextBoolean() ? "true" : "false");
		maybeTrait(profile, "custom", "score", pick(NUMBERS));
		maybeTrait(profile, "custom", "nested", "{\"level\": " + pick(NUMBERS) + "}");
		maybeTrait(profile, "firmographic", "employees", pick(NUMBERS));
		if (this.random.nextInt(5) == 0) {
			profile.trait("geo", "city", pick(ANY));
		}
		int events = (this.random.nextInt(6) == 0) ? 0 : this.random.nextInt(16);
		for (int i = 0; i < events; i++) {
			String name = switch (this.random.nextInt(8)) {
				case 0 -> null;
				case 1 -> "Other";
				default -> pick(RandomRules.EVENT_NAMES);
			};
			profile.event(name, instant(), properties());
		}
		for (ConsentPurpose purpose : ConsentPurpose.values()) {
			if (this.random.nextBoolean()) {
				ProfileState.Consent.Status status = (this.random.nextInt(3) == 0)
						? pick(List.of(ProfileState.Consent.Status.values())) : ProfileState.Consent.Status.GRANTED;
				profile.consent(purpose, status, this.random.nextBoolean() ? null : instant());
			}
		}
		for (String segment : SEGMENTS) {
			if (this.random.nextInt(3) == 0) {
				profile.member(segment);
			}
		}
		return profile.build();
	}

	/** Within ±400 days of the base, to the second or the microsecond. */
	Instant instant() {
		long seconds = this.random.nextLong(800L * 86_400) - 400L * 86_400;
		Instant instant = BASE.plusSeconds(seconds);
		return this.random.nextBoolean() ? instant
				: instant.plus(Duration.ofNanos(this.random.nextInt(1_000_000) * 1000L));
	}

	private String properties() {
		List<String> fields = new ArrayList<>();
		if (this.random.nextInt(3) > 0) {
			fields.add("\"revenue\": " + pick((this.random.nextInt(4) == 0) ? ANY : NUMBERS));
		}
		if (this.random.nextBoolean()) {
			fields.add("\"category\": " + pick(List.of("\"shoes\"", "\"books\"", "\"a\"", "null", "3")));
		}
		if (this.random.nextInt(4) == 0) {
			fields.add("\"tags\": " + pick(LISTS));
		}
		if (this.random.nextInt(4) == 0) {
			fields.add("\"at\": " + pick(DATES));
		}
		if (this.random.nextInt(4) == 0) {
			fields.add("\"flag\": " + (this.random.nextBoolean() ? "true" : "\"true\""));
		}
		if (this.random.nextInt(4) == 0) {
			fields.add("\"meta\": {\"level\": " + pick(NUMBERS) + "}");
		}
		return "{" + String.join(", ", fields) + "}";
	}

	private void maybeTrait(Profiles.Builder profile, String group, String name, String json) {
		int choice = this.random.nextInt(10);
		if (choice < 6) {
			profile.trait(group, name, json);
		}
		else if (choice < 8) {
			profile.trait(group, name, pick(ANY));
		}
	}

	private <T> T pick(List<T> values) {
		return values.get(this.random.nextInt(values.size()));
	}

}
