package dev.zielwerk.segment.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.ConsentPurpose;
import dev.zielwerk.segment.rule.RuleParser;

/**
 * Hand-computed answers for every condition kind, shared by the in-memory tests and the
 * SQL integration test so both evaluators are held to the same expectations.
 */
final class EvaluationExamples {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	/**
	 * Traits of every type, events with numbers and non-numbers, consents, memberships.
	 */
	static final ProfileState RICH = Profiles.profile()
		.trait("geo", "country", "\"DE\"")
		.trait("demographic", "age", "31")
		.trait("custom", "tags", "[\"a\", \"b\", 3, \"2026-01-15\"]")
		.trait("custom", "signup", "\"2026-01-15\"")
		.trait("custom", "seen", "\"2026-05-31T23:00:00.000001+01:00\"")
		.trait("custom", "bad_date", "\"2026-02-30\"")
		.trait("custom", "vip", "true")
		.trait("custom", "score", "1.50")
		.trait("custom", "nothing", "null")
		.trait("custom", "nested", "{\"level\": 2}")
		.trait("custom", "emoji", "\"\uD83D\uDE00\"")
		.event("Order Completed", NOW.minus(days(1)), "{\"revenue\": 100, \"category\": \"shoes\"}")
		.event("Order Completed", NOW.minus(days(10)), "{\"revenue\": \"n/a\", \"category\": \"books\"}")
		.event("Order Completed", NOW.minus(days(40)), "{\"revenue\": 50.5}")
		.event("Email Opened", NOW.minus(days(2)))
		.event("Email Opened", NOW.minus(days(3)))
		.event("Email Delivered", NOW.minus(days(2)))
		.event("Email Delivered", NOW.minus(days(3)))
		.event("Email Delivered", NOW.minus(days(4)))
		.event("Email Delivered", NOW.minus(days(5)))
		.event("Refund", NOW.minus(days(50)), "{\"amount\": 1}")
		.event("Refund", NOW.minus(days(51)), "{\"amount\": 0}")
		.event("Refund", NOW.minus(days(52)), "{\"amount\": 0}")
		.event("Login", NOW.minus(days(30)))
		.event("Login", NOW)
		.event(null, NOW.minus(days(100)))
		.consent(ConsentPurpose.EMAIL_MARKETING, ProfileState.Consent.Status.GRANTED, NOW.plus(days(1)))
		.consent(ConsentPurpose.ADVERTISING, ProfileState.Consent.Status.GRANTED, NOW)
		.consent(ConsentPurpose.ANALYTICS, ProfileState.Consent.Status.DENIED, null)
		.consent(ConsentPurpose.PARTNER_SHARING, ProfileState.Consent.Status.GRANTED, null)
		.member("vip")
		.build();

	static final ProfileState EMPTY = Profiles.profile().build();

	private EvaluationExamples() {
	}

	static Stream<Example> all() {
		return Stream.of(rich(), empty()).flatMap(List::stream);
	}

	private static List<Example> rich() {
		return Stream.of(
				// comparisons and types
				yes("traits.geo.country = \"DE\""), no("traits.geo.country != \"DE\""),
				no("traits.geo.country = \"de\""), yes("traits.demographic.age = 31.0"),
				yes("traits.demographic.age > 30.5"), no("traits.demographic.age < 31"),
				yes("traits.custom.score = 1.5"), no("traits.geo.country > 30"), no("traits.geo.country != 30"),
				no("traits.demographic.age = \"31\""), yes("traits.custom.vip = true"),
				yes("traits.custom.vip != false"), no("traits.custom.vip = 1"), yes("traits.custom.emoji > \"\uFFFD\""),
				yes("traits.custom.score < traits.demographic.age"), no("traits.geo.country = traits.demographic.age"),
				no("traits.custom.tags = traits.custom.tags"),
				// strings read as dates against dates only
				yes("traits.custom.signup = 2026-01-15"), yes("traits.custom.signup < 2026-01-15T00:00:00.000000001Z"),
				no("traits.custom.signup = 2026-01-15T00:00:00.000000001Z"),
				yes("traits.custom.signup != 2026-01-15T00:00:00.000000001Z"), yes("traits.custom.signup > \"2026\""),
				yes("traits.custom.seen = 2026-05-31T22:00:00.000001Z"),
				yes("traits.custom.seen > 2026-05-31T22:00:00.0000005Z"), no("traits.custom.bad_date < 2027-01-01"),
				no("traits.custom.bad_date != 2027-01-01"),
				// in, contains, starts with, between, exists
				yes("traits.geo.country in [\"AT\", \"DE\"]"), no("traits.geo.country in []"),
				yes("traits.geo.country not in [\"AT\"]"), no("traits.geo.country not in [\"DE\", \"AT\"]"),
				no("traits.demographic.age not in [\"x\"]"), yes("traits.custom.tags contains \"a\""),
				yes("traits.custom.tags contains 3"), yes("traits.custom.tags contains 2026-01-15"),
				no("traits.custom.tags contains \"c\""), yes("traits.custom.tags not contains \"c\""),
				no("traits.custom.tags not contains 3.0"), yes("traits.geo.country contains \"E\""),
				yes("traits.geo.country contains \"\""), yes("traits.geo.country not contains \"X\""),
				no("traits.demographic.age contains \"3\""), no("traits.demographic.age not contains \"3\""),
				yes("traits.geo.country starts with \"D\""), no("traits.geo.country starts with \"E\""),
				yes("traits.demographic.age between 25 and 40"), no("traits.demographic.age between 32 and 40"),
				yes("traits.demographic.age between 31 and 31"),
				yes("traits.custom.signup between 2026-01-01 and 2026-02-01"), no("traits.custom.nothing exists"),
				yes("traits.custom.nothing not exists"), yes("traits.custom.nested.level = 2"),
				yes("traits.custom exists"), no("traits.custom = 1"), no("traits.custom.nested.level.deeper exists"),
				// missing values: false, also for !=; not makes them true
				no("traits.geo.city = \"Berlin\""), no("traits.geo.city != \"Berlin\""),
				yes("not traits.geo.city = \"Berlin\""), no("traits.geo.city not in [\"Berlin\"]"),
				yes("not traits.geo.city in [\"Berlin\"]"), no("traits.geo.city between 1 and 2"),
				// aggregates and windows
				yes("count(event \"Order Completed\" within 30d) = 2"), yes("count(event \"Login\" within 30d) = 1"),
				yes("count(event any) = 15"),
				yes("sum(properties.revenue, event \"Order Completed\" within 30d) = 100"),
				yes("sum(properties.revenue, event \"Order Completed\") = 150.5"),
				yes("avg(properties.revenue, event \"Order Completed\") = 75.25"),
				yes("min(properties.revenue, event \"Order Completed\") = 50.5"),
				yes("max(properties.revenue, event \"Order Completed\") = 100"),
				no("avg(properties.revenue, event \"Page Viewed\") exists"),
				no("min(properties.revenue, event \"Page Viewed\") < 1"),
				yes("sum(properties.revenue, event \"Page Viewed\") = 0"), yes("count(event \"Page Viewed\") = 0"),
				yes("avg(properties.amount, event \"Refund\") * 3 = 1"),
				no("avg(properties.amount, event \"Refund\") = 0.3333333333333333"),
				yes("count(event \"Order Completed\" where properties.revenue > 60) = 1"),
				yes("count(event \"Order Completed\" where properties.category in [\"shoes\", \"books\"]) = 2"),
				yes("count(event \"Order Completed\" where properties.category not in [\"shoes\"]) = 1"),
				yes("count(event \"Order Completed\" where properties.category exists) = 2"),
				yes("count(event \"Order Completed\" between 2026-05-01 and 2026-06-01) = 2"),
				yes("count(event \"Order Completed\" between 2026-05-22T12:00:00Z and 2026-05-31T12:00:00Z) = 1"),
				// arithmetic
				yes("count(event \"Email Opened\" within 30d) / count(event \"Email Delivered\" within 30d) = 0.5"),
				no("count(event \"Email Opened\") / count(event \"Page Viewed\") exists"),
				yes("not count(event \"Email Opened\") / count(event \"Page Viewed\") > 1"),
				yes("count(event \"Email Opened\") - count(event \"Email Delivered\") = -2"),
				yes("traits.demographic.age + 1 = 32"), no("(traits.geo.country + 1) exists"),
				// recency
				yes("last(event \"Order Completed\") within 2d"), no("last(event \"Order Completed\") within 1d"),
				no("last(event \"Order Completed\") before 7d ago"),
				yes("first(event \"Order Completed\") before 30d ago"),
				no("first(event \"Order Completed\") within 30d"), no("last(event \"Page Viewed\") before 7d ago"),
				no("last(event \"Page Viewed\") within 7d"), yes("last(event any) within 1m"),
				yes("first(event any) before 100d ago"), no("first(event any) before 101d ago"),
				// consent and segments
				yes("consent(EMAIL_MARKETING)"), no("consent(ADVERTISING)"), no("consent(ANALYTICS)"),
				no("consent(PERSONALIZATION)"), yes("consent(PARTNER_SHARING)"), yes("in segment \"vip\""),
				no("in segment \"churned\""), yes("not in segment \"churned\""),
				// logic
				yes("traits.geo.country = \"DE\" and consent(EMAIL_MARKETING) or in segment \"churned\""),
				no("traits.geo.country = \"DE\" and (consent(ADVERTISING) or in segment \"churned\")"))
			.map((example) -> example.on(RICH))
			.toList();
	}

	private static List<Example> empty() {
		return Stream
			.of(yes("not traits.x = 1"), no("traits.x = 1"), no("traits.x != 1"), no("traits.x.y exists"),
					no("last(event any) before 7d ago"), no("first(event any) within 7d"), yes("count(event any) = 0"),
					yes("count(event any within 7d) = 0"), yes("sum(properties.revenue, event any) = 0"),
					no("avg(properties.revenue, event any) exists"), no("consent(EMAIL_MARKETING)"),
					no("in segment \"vip\""))
			.map((example) -> example.on(EMPTY))
			.toList();
	}

	private static Example yes(String rule) {
		return new Example(rule, EMPTY, true);
	}

	private static Example no(String rule) {
		return new Example(rule, EMPTY, false);
	}

	private static Duration days(long days) {
		return Duration.ofDays(days);
	}

	/**
	 * A rule, a profile and the hand-computed answer at {@link #NOW}.
	 *
	 * @param rule the rule text
	 * @param profile the profile
	 * @param member the expected answer
	 */
	record Example(String rule, ProfileState profile, boolean member) {

		Example on(ProfileState other) {
			return new Example(this.rule, other, this.member);
		}

		Condition ast() {
			return RuleParser.parse(this.rule).ast();
		}

		@Override
		public String toString() {
			return (this.member ? "member: " : "not member: ") + this.rule;
		}

	}

}
