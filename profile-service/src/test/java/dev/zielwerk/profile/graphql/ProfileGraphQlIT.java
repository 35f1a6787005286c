package dev.zielwerk.profile.graphql;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.profile.consent.ConsentReader;
import dev.zielwerk.profile.events.EventReader;
import dev.zielwerk.profile.profiles.ProfileDetails;
import dev.zielwerk.profile.profiles.ProfileReader;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfileGraphQlIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, ProfileGraphQlIT.class);
	}

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	@MockitoSpyBean
	ProfileReader reader;

	@MockitoSpyBean
	EventReader events;

	@MockitoSpyBean
	ProfileDetails details;

	@MockitoSpyBean
	ConsentReader consent;

	HttpGraphQlTester graphQl;

	Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.graphQl = HttpGraphQlTester
			.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port + "/graphql").build());
		this.fixtures = new Fixtures(this.database);
	}

	@Test
	void answersEveryProfileFieldFromItsRows() {
		UUID id = this.fixtures.profile(Fixtures.T0.plus(Duration.ofDays(3)));
		UUID merged = this.fixtures.mergedInto(id, "EMAIL", Fixtures.T0.plus(Duration.ofDays(1)));
		this.fixtures.identity(id, "EMAIL", "ada@example.com");
		this.fixtures.identity(id, "USER_ID", "u-" + id);
		this.fixtures.trait(id, "geo", "country", "\"DE\"");
		this.fixtures.trait(id, "demographic", "age", "36");
		this.fixtures.consent(id, "EMAIL_MARKETING", "GRANTED", Fixtures.T0, null);
		this.fixtures.consent(id, "ADVERTISING", "GRANTED", Fixtures.T0, Fixtures.T0.plus(Duration.ofDays(1)));
		this.fixtures.conflict(id, null, "USER_ID", "u-other");
		this.graphQl.document("""
				query($id: ID!) { profile(id: $id) {
				  id firstSeenAt lastSeenAt
				  identities { type value source firstSeenAt }
				  traits { geo { name value party source } demographic { name value } custom { name } json }
				  consent { purpose status source effective expiresAt }
				  consentHistory { purpose status }
				  merges { mergedId identityType mergedAt }
				  identityConflicts { identityType value reason }
				} }""")
			.variable("id", id.toString())
			.execute()
			.path("profile.id")
			.entity(String.class)
			.isEqualTo(id.toString())
			.path("profile.lastSeenAt")
			.entity(String.class)
			.isEqualTo("2026-01-04T00:00:00Z")
			.path("profile.identities[*].value")
			.entityList(String.class)
			.containsExactly("ada@example.com", "u-" + id)
			.path("profile.traits.geo[0]")
			.entity(Map.class)
			.isEqualTo(Map.of("name", "country", "value", "DE", "party", "FIRST", "source", "crm"))
			.path("profile.traits.demographic[0].value")
			.entity(Integer.class)
			.isEqualTo(36)
			.path("profile.traits.custom")
			.entityList(Object.class)
			.hasSize(0)
			.path("profile.traits.json")
			.entity(Map.class)
			.isEqualTo(Map.of("demographic", Map.of("age", 36), "geo", Map.of("country", "DE")))
			.path("profile.consent[?(@.purpose == 'EMAIL_MARKETING')].effective")
			.entityList(Boolean.class)
			.containsExactly(true)
			.path("profile.consent[?(@.purpose == 'ADVERTISING')].effective")
			.entityList(Boolean.class)
			.containsExactly(false)
			.path("profile.consentHistory")
			.entityList(Object.class)
			.hasSize(2)
			.path("profile.merges[0].mergedId")
			.entity(String.class)
			.isEqualTo(merged.toString())
			.path("profile.merges[0].identityType")
			.entity(String.class)
			.isEqualTo("EMAIL")
			.path("profile.identityConflicts[0].value")
			.entity(String.class)
			.isEqualTo("u-other");
	}

	@Test
	void resolvesAMergedAwayIdToTheSurvivor() {
		UUID survivor = this.fixtures.profile(Fixtures.T0);
		UUID merged = this.fixtures.mergedInto(survivor, "USER_ID", Fixtures.T0);
		this.graphQl.document("query($id: ID!) { profile(id: $id) { id } }")
			.variable("id", merged.toString())
			.execute()
			.path("profile.id")
			.entity(String.class)
			.isEqualTo(survivor.toString());
	}

	@Test
	void pagesEventsNewestFirstWithOpaqueCursors() {
		UUID id = this.fixtures.profile(Fixtures.T0);
		List<UUID> newestFirst = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			newestFirst.addFirst(this.fixtures.event(id, "TRACK", "Order Completed",
					Fixtures.T0.plus(Duration.ofMinutes(i)), "{\"n\":" + i + "}"));
		}
		String query = """
				query($id: ID!, $after: String) { profile(id: $id) { events(first: 2, after: $after) {
				  edges { cursor node { id kind name properties context occurredAt } }
				  pageInfo { hasNextPage endCursor } } } }""";
		var first = this.graphQl.document(query).variable("id", id.toString()).execute();
		first.path("profile.events.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(newestFirst.get(0).toString(), newestFirst.get(1).toString());
		first.path("profile.events.edges[0].node.properties").entity(Map.class).isEqualTo(Map.of("n", 4));
		first.path("profile.events.edges[0].node.context").entity(Map.class).isEqualTo(Map.of("ip", "10.0.0.1"));
		first.path("profile.events.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true);
		String cursor = first.path("profile.events.pageInfo.endCursor").entity(String.class).get();
		assertThat(cursor).doesNotContain(newestFirst.get(1).toString());
		var second = this.graphQl.document(query).variable("id", id.toString()).variable("after", cursor).execute();
		second.path("profile.events.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(newestFirst.get(2).toString(), newestFirst.get(3).toString());
		String cursor2 = second.path("profile.events.pageInfo.endCursor").entity(String.class).get();
		var third = this.graphQl.document(query).variable("id", id.toString()).variable("after", cursor2).execute();
		third.path("profile.events.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(newestFirst.get(4).toString());
		third.path("profile.events.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
	}

	@Test
	void filtersEventsByKindNameAndTime() {
		UUID id = this.fixtures.profile(Fixtures.T0);
		this.fixtures.event(id, "TRACK", "Order Completed", Fixtures.T0.plus(Duration.ofHours(1)), "{}");
		UUID wanted = this.fixtures.event(id, "TRACK", "Order Completed", Fixtures.T0.plus(Duration.ofHours(2)), "{}");
		this.fixtures.event(id, "TRACK", "Email Opened", Fixtures.T0.plus(Duration.ofHours(2)), "{}");
		this.fixtures.event(id, "PAGE", "Order Completed", Fixtures.T0.plus(Duration.ofHours(2)), "{}");
		this.fixtures.event(id, "TRACK", "Order Completed", Fixtures.T0.plus(Duration.ofHours(3)), "{}");
		this.graphQl.document("""
				query($id: ID!) { profile(id: $id) { events(filter: {kinds: [TRACK], names: ["Order Completed"],
				  from: "2026-01-01T02:00:00Z", to: "2026-01-01T03:00:00Z"}) { edges { node { id } } } } }""")
			.variable("id", id.toString())
			.execute()
			.path("profile.events.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(wanted.toString());
	}

	@Test
	void loadsEachFieldOfManyProfilesWithOneCall() {
		String run = UUID.randomUUID().toString();
		for (int p = 0; p < 3; p++) {
			UUID id = this.fixtures.profile(Fixtures.T0);
			this.fixtures.trait(id, "custom", "run", "\"" + run + "\"");
			for (int i = 0; i < 3; i++) {
				this.fixtures.event(id, "TRACK", "E" + p, Fixtures.T0.plus(Duration.ofMinutes(i)), "{}");
			}
		}
		clearInvocations(this.events, this.details, this.consent);
		this.graphQl.document("""
				query($run: JSON!) { profiles(filter: {trait: {path: "custom.run", value: $run}}) {
				  edges { node { events(first: 2) { edges { node { name } } pageInfo { hasNextPage } }
				    identities { value } traits { json } consent { purpose } consentHistory { status }
				    merges { mergedId } identityConflicts { value } } } } }""")
			.variable("run", run)
			.execute()
			.path("profiles.edges[*].node.events.edges[*].node.name")
			.entityList(String.class)
			.containsExactly("E0", "E0", "E1", "E1", "E2", "E2")
			.path("profiles.edges[*].node.events.pageInfo.hasNextPage")
			.entityList(Boolean.class)
			.containsExactly(true, true, true);
		verify(this.events, times(1)).pages(anyList(), any());
		verify(this.details, times(1)).identities(anyList());
		verify(this.details, times(1)).traits(anyList());
		verify(this.details, times(1)).merges(anyList());
		verify(this.details, times(1)).conflicts(anyList());
		verify(this.consent, times(1)).current(anyList());
		verify(this.consent, times(1)).history(anyList(), any());
	}

	@Test
	void rejectsPageSizesOutsideOneToAHundredAndForeignCursors() {
		UUID id = this.fixtures.profile(Fixtures.T0);
		assertBadInput("query($id: ID!) { profile(id: $id) { events(first: 101) { edges { cursor } } } }", id, "first");
		assertBadInput("query($id: ID!) { profile(id: $id) { events(first: 0) { edges { cursor } } } }", id, "first");
		assertBadInput("query($id: ID!) { profile(id: $id) { events(after: \"bm9wZQ\") { edges { cursor } } } }", id,
				"after");
		assertBadInput("query($id: ID!) { p: profile(id: $id) { id } profiles(first: 500) { totalCount } }", id,
				"first");
		assertBadInput(
				"query($id: ID!) { p: profile(id: $id) { id } profiles(filter: {hasTrait: \"nogroup\"}) { totalCount } }",
				id, "filter.hasTrait");
		assertBadInput("query($id: ID!) { p: profile(id: $id) { id } profiles(after: \"%%%\") { totalCount } }", id,
				"after");
	}

	@Test
	void answersBadUserInputForAMalformedIdAndNullForAnUnknownOne() {
		this.graphQl.document("{ profile(id: \"not-a-uuid\") { id } }")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT").containsEntry("field", "id");
				assertThat(error.getPath()).isEqualTo("profile");
			}));
		this.graphQl.document("query($id: ID!) { profile(id: $id) { id } }")
			.variable("id", UUID.randomUUID().toString())
			.execute()
			.path("profile")
			.valueIsNull();
	}

	@Test
	void findsAProfileByANormalizedIdentifier() {
		UUID id = this.fixtures.profile(Fixtures.T0);
		this.fixtures.identity(id, "EMAIL", "grace-" + id + "@example.com");
		this.fixtures.identity(id, "PHONE", "+4930" + (1000000 + Math.abs(id.hashCode() % 8000000)));
		String phone = "030 " + (1000000 + Math.abs(id.hashCode() % 8000000));
		String query = "query($type: IdentityType!, $value: String!) { profileByIdentity(type: $type, value: $value) { id } }";
		this.graphQl.document(query)
			.variable("type", "EMAIL")
			.variable("value", "  Grace-" + id + "@EXAMPLE.com ")
			.execute()
			.path("profileByIdentity.id")
			.entity(String.class)
			.isEqualTo(id.toString());
		this.graphQl.document(query)
			.variable("type", "PHONE")
			.variable("value", phone)
			.execute()
			.path("profileByIdentity.id")
			.entity(String.class)
			.isEqualTo(id.toString());
		this.graphQl.document(query)
			.variable("type", "EMAIL")
			.variable("value", "nobody@example.com")
			.execute()
			.path("profileByIdentity")
			.valueIsNull();
		this.graphQl.document(query)
			.variable("type", "EMAIL")
			.variable("value", "not an address")
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
					.containsEntry("field", "value")));
	}

	@Test
	void listsFilteredProfilesInKeysetPagesWithATotal() {
		String run = UUID.randomUUID().toString();
		List<UUID> matching = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			UUID id = this.fixtures.profile(Fixtures.T0.plus(Duration.ofDays(10 + i)));
			this.fixtures.trait(id, "custom", "run", "\"" + run + "\"");
			this.fixtures.trait(id, "geo", "country", (i % 2 == 0) ? "\"DE\"" : "\"AT\"");
			if (i < 3) {
				this.fixtures.trait(id, "firmographic", "industry", "\"retail\"");
			}
			this.fixtures.consent(id, "EMAIL_MARKETING", (i == 4) ? "WITHDRAWN" : "GRANTED", Fixtures.T0, null);
			matching.add(id);
		}
		UUID mergedAway = this.fixtures.mergedInto(matching.getFirst(), "EMAIL", Fixtures.T0);
		this.fixtures.trait(mergedAway, "custom", "run", "\"" + run + "\"");
		String query = """
				query($run: JSON!, $filter: ProfileFilter, $after: String) {
				  all: profiles(filter: {trait: {path: "custom.run", value: $run}}, first: 2, after: $after) {
				    totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }
				  filtered: profiles(filter: $filter) { totalCount edges { node { id } } } }""";
		var first = this.graphQl.document(query)
			.variable("run", run)
			.variable("filter",
					Map.of("hasTrait", "firmographic.industry", "trait", Map.of("path", "geo.country", "value", "DE"),
							"consented", "EMAIL_MARKETING", "lastSeenAfter", "2026-01-11T12:00:00Z"))
			.execute();
		first.path("all.totalCount").entity(Integer.class).isEqualTo(5);
		first.path("all.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(matching.get(0).toString(), matching.get(1).toString());
		first.path("filtered.edges[*].node.id").entityList(String.class).containsExactly(matching.get(2).toString());
		String cursor = first.path("all.pageInfo.endCursor").entity(String.class).get();
		var second = this.graphQl.document(query)
			.variable("run", run)
			.variable("after", cursor)
			.variable("filter",
					Map.of("consented", "EMAIL_MARKETING", "trait", Map.of("path", "custom.run", "value", run)))
			.execute();
		second.path("all.edges[*].node.id")
			.entityList(String.class)
			.containsExactly(matching.get(2).toString(), matching.get(3).toString());
		second.path("filtered.totalCount").entity(Integer.class).isEqualTo(4);
		var third = this.graphQl.document(query)
			.variable("run", run)
			.variable("after", second.path("all.pageInfo.endCursor").entity(String.class).get())
			.variable("filter", Map.of())
			.execute();
		third.path("all.edges[*].node.id").entityList(String.class).containsExactly(matching.get(4).toString());
		third.path("all.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
	}

	@Test
	void answersTheSdlAndLoadsAllEntitiesWithOneQuery() {
		UUID a = this.fixtures.profile(Fixtures.T0);
		UUID b = this.fixtures.profile(Fixtures.T0);
		UUID unknown = UUID.randomUUID();
		this.graphQl.document("{ _service { sdl } }")
			.execute()
			.path("_service.sdl")
			.entity(String.class)
			.satisfies((sdl) -> assertThat(sdl).containsPattern("type Profile @key\\(fields ?: ?\"id\"")
				.contains("eraseProfile"));
		clearInvocations(this.reader);
		this.graphQl.document("""
				query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Profile { id firstSeenAt } } }""")
			.variable("reps",
					List.of(Map.of("__typename", "Profile", "id", b.toString()),
							Map.of("__typename", "Profile", "id", unknown.toString()),
							Map.of("__typename", "Profile", "id", a.toString())))
			.execute()
			.path("_entities[0].id")
			.entity(String.class)
			.isEqualTo(b.toString())
			.path("_entities[1]")
			.valueIsNull()
			.path("_entities[2].id")
			.entity(String.class)
			.isEqualTo(a.toString());
		verify(this.reader, times(1)).findAll(List.of(b, unknown, a));
	}

	private void assertBadInput(String document, UUID id, String field) {
		this.graphQl.document(document)
			.variable("id", id.toString())
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
					.containsEntry("field", field)));
	}

	static Instant at(String text) {
		return Instant.parse(text);
	}

}
