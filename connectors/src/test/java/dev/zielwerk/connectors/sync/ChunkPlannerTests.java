package dev.zielwerk.connectors.sync;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkPlannerTests {

	private static final Set<ConsentPurpose> EMAIL = EnumSet.of(ConsentPurpose.EMAIL_MARKETING);

	private static AudienceEntry entry(String key, String email, Set<ConsentPurpose> consent) {
		return new AudienceEntry(AudienceMember.ofEmail(key, email), consent);
	}

	private static SyncedState in(String key, String email) {
		return new SyncedState(key, MemberVault.hash(AudienceMember.ofEmail(key, email)), true, "sealed-" + email);
	}

	private static AudienceMember held(SyncedState state) {
		return AudienceMember.ofEmail(state.key(), state.sealed().substring("sealed-".length()));
	}

	private static List<String> keys(List<AudienceMember> members) {
		return members.stream().map(AudienceMember::key).toList();
	}

	@Test
	void addsNewConsentedMembersAndSkipsMembersWithoutConsent() {
		ChunkPlan plan = new ChunkPlanner(SyncMode.UPSERT, ConsentPurpose.EMAIL_MARKETING).plan(
				List.of(entry("a", "a@x.io", EMAIL), entry("b", "b@x.io", EnumSet.of(ConsentPurpose.ADVERTISING))),
				List.of(), Set.of(), Map.of(), ChunkPlannerTests::held);
		assertThat(keys(plan.adds())).containsExactly("a");
		assertThat(plan.removes()).isEmpty();
		assertThat(plan.eligible()).isEqualTo(1);
		assertThat(plan.skippedNoConsent()).isEqualTo(1);
		assertThat(plan.seen()).containsExactly("a", "b");
	}

	@Test
	void removesASyncedMemberWhoseConsentIsGoneInEveryModeWithTheIdentifiersTheDestinationHolds() {
		for (SyncMode mode : SyncMode.values()) {
			ChunkPlan plan = new ChunkPlanner(mode, ConsentPurpose.EMAIL_MARKETING).plan(
					List.of(entry("a", "new@x.io", Set.of())), List.of(), Set.of(), Map.of("a", in("a", "old@x.io")),
					ChunkPlannerTests::held);
			assertThat(plan.removes()).as(mode.name())
				.singleElement()
				.satisfies((member) -> assertThat(member.email()).isEqualTo("old@x.io"));
		}
	}

	@Test
	void resendsChangedIdentifiersExceptInAddOnlyMode() {
		Map<String, SyncedState> synced = Map.of("a", in("a", "old@x.io"), "b", in("b", "b@x.io"));
		List<AudienceEntry> present = List.of(entry("a", "new@x.io", EMAIL), entry("b", "b@x.io", EMAIL));
		assertThat(keys(new ChunkPlanner(SyncMode.UPSERT, ConsentPurpose.EMAIL_MARKETING)
			.plan(present, List.of(), Set.of(), synced, ChunkPlannerTests::held)
			.adds())).containsExactly("a");
		assertThat(new ChunkPlanner(SyncMode.ADD_ONLY, ConsentPurpose.EMAIL_MARKETING)
			.plan(present, List.of(), Set.of(), synced, ChunkPlannerTests::held)
			.adds()).isEmpty();
	}

	@Test
	void onlyMirrorRemovesMembersWhoLeftUnlessTheirConsentWasWithdrawn() {
		Map<String, SyncedState> synced = Map.of("left", in("left", "l@x.io"), "revoked", in("revoked", "r@x.io"));
		List<String> absent = List.of("left", "revoked", "never-sent");
		for (SyncMode mode : SyncMode.values()) {
			ChunkPlan plan = new ChunkPlanner(mode, ConsentPurpose.EMAIL_MARKETING).plan(List.of(), absent,
					Set.of("revoked"), synced, ChunkPlannerTests::held);
			if (mode == SyncMode.MIRROR) {
				assertThat(keys(plan.removes())).as(mode.name()).containsExactly("left", "revoked");
			}
			else {
				assertThat(keys(plan.removes())).as(mode.name()).containsExactly("revoked");
			}
		}
	}

	@Test
	void readdsAMemberWhoConsentsAgainAfterARemoval() {
		SyncedState out = new SyncedState("a", "h", false, "sealed-a@x.io");
		ChunkPlan plan = new ChunkPlanner(SyncMode.ADD_ONLY, ConsentPurpose.EMAIL_MARKETING)
			.plan(List.of(entry("a", "a@x.io", EMAIL)), List.of(), Set.of(), Map.of("a", out), ChunkPlannerTests::held);
		assertThat(keys(plan.adds())).containsExactly("a");
	}

}
