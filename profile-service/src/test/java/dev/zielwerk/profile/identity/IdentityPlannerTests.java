package dev.zielwerk.profile.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityPlannerTests {

	private static final Instant OLD = Instant.parse("2025-01-01T00:00:00Z");

	private static final Instant NEW = Instant.parse("2026-01-01T00:00:00Z");

	private final Map<Identifier, UUID> owners = new HashMap<>();

	private final Map<UUID, Instant> createdAt = new HashMap<>();

	private final Map<UUID, Map<IdentityType, Integer>> counts = new HashMap<>();

	private final List<UUID> created = new ArrayList<>();

	private final Supplier<UUID> ids = () -> {
		UUID id = new UUID(0, this.created.size() + 1);
		this.created.add(id);
		return id;
	};

	@Test
	void unknownIdentifiersGetOneNewProfileAcrossTheBatch() {
		ResolutionPlan plan = plan(List.of(claim(IdentityType.ANONYMOUS_ID, "a1")),
				List.of(claim(IdentityType.ANONYMOUS_ID, "a1"), claim(IdentityType.USER_ID, "u1")));
		assertThat(plan.newProfiles()).hasSize(1);
		assertThat(plan.profileOfMessage()).containsExactly(this.created.get(0), this.created.get(0));
		assertThat(plan.links()).hasSize(2);
		assertThat(plan.merges()).isEmpty();
	}

	@Test
	void theProfileWithTheHighestPriorityIdentifierSurvivesAMerge() {
		UUID anonymous = existing("p-anon", OLD, IdentityType.ANONYMOUS_ID, "a1");
		UUID known = existing("p-user", NEW, IdentityType.EMAIL, "e@x.org");
		ResolutionPlan plan = plan(
				List.of(claim(IdentityType.ANONYMOUS_ID, "a1"), claim(IdentityType.EMAIL, "e@x.org")));
		assertThat(plan.merges())
			.containsExactly(new ResolutionPlan.Merge(known, anonymous, IdentityType.ANONYMOUS_ID));
		assertThat(plan.profileOfMessage()).containsExactly(known);
	}

	@Test
	void onATieTheOldestProfileSurvives() {
		UUID older = existing("p-old", OLD, IdentityType.ANONYMOUS_ID, "a1");
		UUID newer = existing("p-new", NEW, IdentityType.ANONYMOUS_ID, "a2");
		ResolutionPlan plan = plan(
				List.of(claim(IdentityType.ANONYMOUS_ID, "a2"), claim(IdentityType.ANONYMOUS_ID, "a1")));
		assertThat(plan.merges()).containsExactly(new ResolutionPlan.Merge(older, newer, IdentityType.ANONYMOUS_ID));
	}

	@Test
	void aMergeThatWouldBreakALimitIsAConflictInstead() {
		UUID first = existing("p-1", OLD, IdentityType.USER_ID, "u1");
		UUID second = existing("p-2", NEW, IdentityType.USER_ID, "u2");
		this.owners.put(new Identifier(IdentityType.EMAIL, "e@x.org"), second);
		this.counts.get(second).put(IdentityType.EMAIL, 1);
		ResolutionPlan plan = plan(List.of(claim(IdentityType.USER_ID, "u1"), claim(IdentityType.EMAIL, "e@x.org")));
		assertThat(plan.merges()).isEmpty();
		assertThat(plan.profileOfMessage()).containsExactly(first);
		assertThat(plan.conflicts()).singleElement().satisfies((conflict) -> {
			assertThat(conflict.profileId()).isEqualTo(first);
			assertThat(conflict.otherProfileId()).isEqualTo(second);
			assertThat(conflict.identifier()).isEqualTo(new Identifier(IdentityType.EMAIL, "e@x.org"));
			assertThat(conflict.reason()).contains("2 USER_ID identifiers (limit 1)");
		});
	}

	@Test
	void anUnknownIdentifierOverTheLimitIsNotLinked() {
		UUID profile = existing("p-1", OLD, IdentityType.USER_ID, "u1");
		this.owners.put(new Identifier(IdentityType.EMAIL, "e1@x.org"), profile);
		this.counts.get(profile).put(IdentityType.EMAIL, 5);
		ResolutionPlan plan = plan(List.of(claim(IdentityType.USER_ID, "u1"), claim(IdentityType.EMAIL, "e6@x.org")));
		assertThat(plan.links()).isEmpty();
		assertThat(plan.profileOfMessage()).containsExactly(profile);
		assertThat(plan.conflicts()).singleElement()
			.satisfies((conflict) -> assertThat(conflict.reason()).contains("limit of 5"));
	}

	@Test
	void aSecondUserIdOnAKnownAnonymousIdStartsAnotherPerson() {
		UUID first = existing("p-1", OLD, IdentityType.USER_ID, "u1");
		this.owners.put(new Identifier(IdentityType.ANONYMOUS_ID, "a1"), first);
		this.counts.get(first).put(IdentityType.ANONYMOUS_ID, 1);
		ResolutionPlan plan = plan(List.of(claim(IdentityType.USER_ID, "u2"), claim(IdentityType.ANONYMOUS_ID, "a1")));
		assertThat(plan.newProfiles()).hasSize(1);
		UUID second = plan.newProfiles().get(0);
		assertThat(plan.profileOfMessage()).containsExactly(second);
		assertThat(plan.links())
			.containsExactly(new ResolutionPlan.Link(new Identifier(IdentityType.USER_ID, "u2"), second));
		assertThat(plan.conflicts()).singleElement().satisfies((conflict) -> {
			assertThat(conflict.profileId()).isEqualTo(first);
			assertThat(conflict.otherProfileId()).isEqualTo(second);
		});
	}

	@Test
	void chainedMergesInOneBatchResolveToTheFinalSurvivor() {
		UUID a = existing("p-a", OLD, IdentityType.ANONYMOUS_ID, "a1");
		UUID b = existing("p-b", NEW, IdentityType.DEVICE_ID, "d1");
		UUID c = existing("p-c", NEW, IdentityType.USER_ID, "u1");
		ResolutionPlan plan = plan(List.of(claim(IdentityType.ANONYMOUS_ID, "a1")),
				List.of(claim(IdentityType.ANONYMOUS_ID, "a1"), claim(IdentityType.DEVICE_ID, "d1")),
				List.of(claim(IdentityType.DEVICE_ID, "d1"), claim(IdentityType.USER_ID, "u1")));
		assertThat(plan.merges()).containsExactly(new ResolutionPlan.Merge(b, a, IdentityType.ANONYMOUS_ID),
				new ResolutionPlan.Merge(c, b, IdentityType.DEVICE_ID));
		assertThat(plan.profileOfMessage()).containsOnly(c);
	}

	@Test
	void lookupOnlyClaimsFindButNeverLink() {
		UUID profile = existing("p-1", OLD, IdentityType.USER_ID, "old-id");
		ResolutionPlan plan = plan(List.of(new Claim(new Identifier(IdentityType.USER_ID, "old-id"), false),
				new Claim(new Identifier(IdentityType.USER_ID, "never"), false)));
		assertThat(plan.profileOfMessage()).containsExactly(profile);
		assertThat(plan.links()).isEmpty();
	}

	private UUID existing(String name, Instant created, IdentityType type, String value) {
		UUID id = UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		this.owners.put(new Identifier(type, value), id);
		this.createdAt.put(id, created);
		this.counts.computeIfAbsent(id, (p) -> new HashMap<>()).merge(type, 1, Integer::sum);
		return id;
	}

	private static Claim claim(IdentityType type, String value) {
		return Claim.of(type, value);
	}

	@SafeVarargs
	@SuppressWarnings("varargs")
	private ResolutionPlan plan(List<Claim>... messages) {
		return new IdentityPlanner(IdentityProperties.defaults(), this.ids, this.owners, this.createdAt, this.counts)
			.plan(List.of(messages));
	}

}
