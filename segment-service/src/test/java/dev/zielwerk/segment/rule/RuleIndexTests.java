package dev.zielwerk.segment.rule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RuleIndexTests {

	@Test
	void listsEventsTraitsPurposesAndSegmentsARuleReads() {
		RuleIndex index = index("""
				traits.geo.country in ["DE", "AT"]
				and count(event "Order Completed" where properties.total > 5 within 30d) > 3
				and (sum(properties.revenue, event "Refund") > 1 or not in segment "churned")
				and consent(EMAIL_MARKETING) and not consent(ADVERTISING)
				and traits.age between traits.min_age and 99
				""");
		assertThat(index.eventNames()).containsExactly("Order Completed", "Refund");
		assertThat(index.anyEvent()).isFalse();
		assertThat(index.traitPaths()).containsExactly("age", "geo.country", "min_age");
		assertThat(index.purposes()).containsExactly(ConsentPurpose.EMAIL_MARKETING, ConsentPurpose.ADVERTISING);
		assertThat(index.segments()).containsExactly("churned");
		assertThat(index.timeDependent()).isTrue();
	}

	@Test
	void isTimeDependentOnlyWithRelativeWindowsOrRecency() {
		assertThat(index("count(event \"A\") > 1").timeDependent()).isFalse();
		assertThat(index("count(event \"A\" between 2026-01-01 and 2026-02-01) > 1").timeDependent()).isFalse();
		assertThat(index("traits.x = 1 or count(event \"A\" within 1h) > 1").timeDependent()).isTrue();
		assertThat(index("not first(event \"A\") before 3d ago").timeDependent()).isTrue();
		assertThat(index("traits.x exists").timeDependent()).isFalse();
	}

	@Test
	void anyEventMakesEveryEventRelevant() {
		RuleIndex index = index("last(event any) before 7d ago and count(event \"A\") = 0");
		assertThat(index.anyEvent()).isTrue();
		assertThat(index.readsEvent("Whatever")).isTrue();
		RuleIndex named = index("count(event \"A\") = 0");
		assertThat(named.readsEvent("A")).isTrue();
		assertThat(named.readsEvent("B")).isFalse();
	}

	@Test
	void matchesTraitChangesByWholePathPrefixes() {
		RuleIndex index = index("traits.geo.country = \"DE\" and traits.address exists");
		assertThat(index.readsTrait("geo.country")).isTrue();
		assertThat(index.readsTrait("geo")).isTrue();
		assertThat(index.readsTrait("address.city")).isTrue();
		assertThat(index.readsTrait("geo.city")).isFalse();
		assertThat(index.readsTrait("geography")).isFalse();
		assertThat(index.readsTrait("age")).isFalse();
	}

	@Test
	void aRuleOfConstantsDependsOnNothing() {
		RuleIndex index = index("1 < 2");
		assertThat(index.eventNames()).isEmpty();
		assertThat(index.traitPaths()).isEmpty();
		assertThat(index.purposes()).isEmpty();
		assertThat(index.segments()).isEmpty();
		assertThat(index.anyEvent()).isFalse();
	}

	private static RuleIndex index(String text) {
		return RuleIndex.of(RuleParser.parse(text).ast());
	}

}
