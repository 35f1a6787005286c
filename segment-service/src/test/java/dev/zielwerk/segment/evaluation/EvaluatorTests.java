package dev.zielwerk.segment.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.ConsentPurpose;
import dev.zielwerk.segment.rule.RuleParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.zielwerk.segment.evaluation.EvaluationExamples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class EvaluatorTests {

	static Stream<EvaluationExamples.Example> examples() {
		return EvaluationExamples.all();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void everyConditionKindGivesTheHandComputedAnswer(EvaluationExamples.Example example) {
		assertThat(Evaluator.evaluate(example.ast(), example.profile(), NOW).member()).isEqualTo(example.member());
	}

	@Test
	void anEventLeavingAWithinWindowIsTheNextChange() {
		// Order Completed at now-1d and now-10d are in the 30-day window; now-10d leaves
		// it first
		assertThat(next("count(event \"Order Completed\" within 30d) >= 2")).isEqualTo(NOW.plus(days(20)));
		assertThat(at("count(event \"Order Completed\" within 30d) >= 2", NOW.plus(days(20)).minusNanos(1))).isTrue();
		assertThat(at("count(event \"Order Completed\" within 30d) >= 2", NOW.plus(days(20)))).isFalse();
	}

	@Test
	void inactivityBeginsAtTheLatestEventPlusTheDuration() {
		assertThat(next("last(event \"Order Completed\") before 7d ago")).isEqualTo(NOW.plus(days(6)));
		assertThat(at("last(event \"Order Completed\") before 7d ago", NOW.plus(days(6)).minusNanos(1))).isFalse();
		assertThat(at("last(event \"Order Completed\") before 7d ago", NOW.plus(days(6)))).isTrue();
	}

	@Test
	void aConsentExpiresAtItsExpiry() {
		assertThat(next("consent(EMAIL_MARKETING)")).isEqualTo(NOW.plus(days(1)));
		assertThat(at("consent(EMAIL_MARKETING)", NOW.plus(days(1)))).isFalse();
	}

	@Test
	void anEventStampedInTheFutureEntersTheWindowAtItsTime() {
		Instant future = NOW.plus(Duration.ofHours(3));
		ProfileState profile = Profiles.profile().event("Order Completed", future).build();
		Condition rule = RuleParser.parse("count(event \"Order Completed\" within 1d) = 1").ast();
		assertThat(Evaluator.evaluate(rule, profile, NOW)).isEqualTo(new Evaluation(false, future));
		assertThat(Evaluator.evaluate(rule, profile, future)).isEqualTo(new Evaluation(true, future.plus(days(1))));
	}

	@Test
	void rulesWithoutClockDependentPartsNeverChangeByThemselves() {
		assertThat(next("traits.geo.country = \"DE\" and count(event \"Order Completed\") > 1")).isNull();
		assertThat(next("count(event any between 2026-01-01 and 2027-01-01) > 1 or in segment \"vip\"")).isNull();
		ProfileState denied = Profiles.profile()
			.consent(ConsentPurpose.ANALYTICS, ProfileState.Consent.Status.DENIED, NOW.plus(days(1)))
			.build();
		assertThat(Evaluator.evaluate(RuleParser.parse("consent(ANALYTICS)").ast(), denied, NOW).nextChangeAt())
			.isNull();
	}

	@Test
	void theStateKeepsInstantsToTheMicrosecond() {
		ProfileState.Event event = new ProfileState.Event("x", Instant.parse("2026-01-01T00:00:00.123456789Z"),
				Profiles.json("{}"));
		assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
	}

	private static Instant next(String rule) {
		return Evaluator.evaluate(RuleParser.parse(rule).ast(), EvaluationExamples.RICH, NOW).nextChangeAt();
	}

	private static boolean at(String rule, Instant now) {
		return Evaluator.evaluate(RuleParser.parse(rule).ast(), EvaluationExamples.RICH, now).member();
	}

	private static Duration days(long days) {
		return Duration.ofDays(days);
	}

}
