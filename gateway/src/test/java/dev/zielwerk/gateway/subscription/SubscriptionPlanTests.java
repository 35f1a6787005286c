package dev.zielwerk.gateway.subscription;

import java.util.List;
import java.util.Map;

import dev.zielwerk.gateway.fixture.KitSupergraphs;
import dev.zielwerk.gateway.fixture.Plans;
import dev.zielwerk.gateway.operation.RequestException;
import dev.zielwerk.gateway.plan.PlanNode;
import dev.zielwerk.gateway.plan.QueryPlan;
import dev.zielwerk.gateway.supergraph.Supergraph;
import dev.zielwerk.gateway.supergraph.SupergraphLoader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Subscription plans against Zielwerk's supergraph: the root fetch becomes the
 * subscription held at segment-service, the profile fields become an entity fetch to
 * profile-service run for every event.
 */
class SubscriptionPlanTests {

	private static final Supergraph ZIELWERK = SupergraphLoader
		.parse(KitSupergraphs.resource("/graphql/supergraph.graphql"));

	@Test
	void splitsTheDashboardSubscriptionIntoTheSegmentSubscriptionAndProfileFetches() {
		QueryPlan plan = Plans.plan(ZIELWERK, """
				subscription Changes($id: ID!) {
				  segmentMembershipChanged(segmentId: $id) {
				    change
				    profile { traits { json } consent { purpose status } }
				  }
				}""", Map.of("id", "0190a5d2-0000-7000-8000-0000000000b1"));
		SubscriptionPlan split = SubscriptionPlan.of(plan);
		assertThat(split.subgraph()).isEqualTo("segment");
		assertThat(split.operation()).startsWith("subscription($id:ID!){segmentMembershipChanged(segmentId:$id){")
			.contains("profile{__typename id}");
		assertThat(split.root().variables()).containsExactly("id");
		assertThat(split.dependents().root()).isInstanceOfSatisfying(PlanNode.Flatten.class, (flatten) -> {
			assertThat(flatten.path()).isEqualTo(List.of("segmentMembershipChanged", "profile"));
			assertThat(flatten.fetch().subgraph()).isEqualTo("profile");
			assertThat(flatten.fetch().operation()).contains("traits{json}").contains("consent{purpose status}");
		});
		assertThat(split.dependents().operation()).isSameAs(plan.operation());
	}

	@Test
	void leavesNothingToRunPerEventWhenTheOwningSubgraphAnswersEverything() {
		QueryPlan plan = Plans.plan(ZIELWERK,
				"subscription { segmentSizeChanged(segmentId: \"0190a5d2-0000-7000-8000-0000000000b1\") { key size } }");
		SubscriptionPlan split = SubscriptionPlan.of(plan);
		assertThat(split.operation()).startsWith("subscription{segmentSizeChanged(");
		assertThat(split.dependents().root()).isNull();
	}

	@Test
	void refusesAPlanThatDoesNotStartAtARootFetch() {
		QueryPlan plan = Plans.plan(ZIELWERK, "{ profile(id: \"x\") { id } segment(id: \"y\") { id } }");
		assertThatExceptionOfType(RequestException.class).isThrownBy(() -> SubscriptionPlan.of(plan))
			.satisfies((ex) -> assertThat(ex.errors().get(0).code()).isEqualTo("QUERY_PLANNING_FAILED"));
	}

}
