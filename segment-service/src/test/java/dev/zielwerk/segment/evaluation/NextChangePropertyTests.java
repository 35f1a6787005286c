package dev.zielwerk.segment.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.RulePrinter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property: {@code nextChangeAt} is never later than a real change. For random rules and
 * histories, the answer is the same at every sampled instant of
 * {@code [now, nextChangeAt)} (of the next 1,000 days when there is none), sampling
 * randomly and right before every instant where something could flip.
 */
class NextChangePropertyTests {

	private static final int RULES = 1500;

	@Test
	void theAnswerIsConstantUntilTheNextChange() {
		int changesAtNext = 0;
		int checked = 0;
		for (int seed = 0; seed < RULES; seed++) {
			Random random = new Random(seed);
			Condition rule = new RandomRules(random).valid(3);
			RandomProfiles histories = new RandomProfiles(random);
			for (ProfileState profile : histories.profiles(6)) {
				for (int n = 0; n < 3; n++) {
					Instant now = (n == 0) ? histories.instant() : someBoundary(profile, random, histories);
					Evaluation evaluation = Evaluator.evaluate(rule, profile, now);
					Instant next = evaluation.nextChangeAt();
					Instant end = (next != null) ? next : now.plus(Duration.ofDays(1000));
					assertThat(end).isAfter(now);
					for (Instant at : samples(now, end, profile, random)) {
						boolean member = Evaluator.evaluate(rule, profile, at).member();
						checked++;
						if (member != evaluation.member()) {
							fail("seed %d: the answer changed at %s, before nextChangeAt %s%nrule: %s%nnow: %s%nprofile: %s",
									seed, at, next, RulePrinter.print(rule), now, profile);
						}
					}
					if (next != null && Evaluator.evaluate(rule, profile, next).member() != evaluation.member()) {
						changesAtNext++;
					}
				}
			}
		}
		// the property is not vacuous: many answers do change, exactly at nextChangeAt
		assertThat(changesAtNext).isGreaterThan(100);
		assertThat(checked).isGreaterThan(100_000);
	}

	private static Instant someBoundary(ProfileState profile, Random random, RandomProfiles histories) {
		if (profile.events().isEmpty()) {
			return histories.instant();
		}
		Instant occurredAt = profile.events().get(random.nextInt(profile.events().size())).occurredAt();
		return occurredAt.plus(Duration.ofDays(random.nextInt(120))).plusNanos(random.nextInt(3) - 1);
	}

	/**
	 * Random instants in [now, end), and the nanosecond before every event and expiry in
	 * it.
	 */
	private static List<Instant> samples(Instant now, Instant end, ProfileState profile, Random random) {
		List<Instant> samples = new ArrayList<>(List.of(now, end.minusNanos(1), end.minusNanos(1000)));
		long span = Duration.between(now, end).toNanos();
		for (int i = 0; i < 8; i++) {
			samples.add(now.plusNanos((span > 0) ? random.nextLong(span) : 0));
		}
		List<Instant> edges = new ArrayList<>();
		profile.events().forEach((event) -> edges.add(event.occurredAt()));
		profile.consents().values().forEach((consent) -> {
			if (consent.expiresAt() != null) {
				edges.add(consent.expiresAt());
			}
		});
		for (Instant edge : edges) {
			for (long days : new long[] { 0, 1, 7, 30, 90 }) {
				samples.add(edge.plus(Duration.ofDays(days)).minusNanos(1));
				samples.add(edge.plus(Duration.ofDays(days)));
			}
		}
		return samples.stream().filter((at) -> !at.isBefore(now) && at.isBefore(end)).toList();
	}

}
