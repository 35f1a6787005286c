package dev.zielwerk.segment.evaluation;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.RuleParser;
import org.junit.jupiter.api.Test;

import static dev.zielwerk.segment.evaluation.EvaluationExamples.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Second-party traits reach rules as {@code traits.partner.<partnerId>.<trait>}:
 * profile-service stores one trait per partner in the group {@code partner}, holding an
 * object of that partner's traits, and sends it in {@code traits} stream messages like
 * any other group.
 */
class PartnerTraitRulesTests {

	private static final Condition GOLD = RuleParser
		.parse("traits.partner.acme.loyalty = \"gold\" and traits.partner.acme.visits >= 3")
		.ast();

	@Test
	void rulesReadAPartnersTraitsByPartnerIdAndName() {
		ProfileState gold = Profiles.profile().trait("partner", "acme", "{\"loyalty\":\"gold\",\"visits\":3}").build();
		ProfileState fewVisits = Profiles.profile()
			.trait("partner", "acme", "{\"loyalty\":\"gold\",\"visits\":2}")
			.build();
		ProfileState otherPartner = Profiles.profile()
			.trait("partner", "beta", "{\"loyalty\":\"gold\",\"visits\":9}")
			.build();
		assertThat(Evaluator.evaluate(GOLD, gold, NOW).member()).isTrue();
		assertThat(Evaluator.evaluate(GOLD, fewVisits, NOW).member()).isFalse();
		assertThat(Evaluator.evaluate(GOLD, otherPartner, NOW).member()).isFalse();
	}

	@Test
	void aPersonWithoutPartnerTraitsHasNone() {
		Condition none = RuleParser.parse("not traits.partner.acme exists").ast();
		assertThat(Evaluator.evaluate(none, Profiles.profile().build(), NOW).member()).isTrue();
		assertThat(Evaluator.evaluate(GOLD, Profiles.profile().build(), NOW).member()).isFalse();
	}

}
