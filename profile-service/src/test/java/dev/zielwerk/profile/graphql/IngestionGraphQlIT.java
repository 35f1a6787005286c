package dev.zielwerk.profile.graphql;

import java.util.List;
import java.util.Map;

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
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestionGraphQlIT {

	private static final String IDENTIFY = """
			mutation($input: IdentifyInput!) { identify(input: $input) {
			  id identities { type value } traits { demographic { name value } geo { name value } } } }""";

	private static final String TRACK = """
			mutation($input: TrackInput!) { track(input: $input) { id kind name properties occurredAt } }""";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, IngestionGraphQlIT.class);
	}

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	HttpGraphQlTester graphQl;

	@BeforeEach
	void setUp() {
		this.graphQl = HttpGraphQlTester
			.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port + "/graphql").build());
	}

	@Test
	void identifyCreatesAProfileWithItsIdentifiersAndGroupedTraits() {
		Map<String, Object> input = Map.of("userId", "gql-user-1", "identities",
				List.of(Map.of("type", "EMAIL", "value", " Ada@Example.COM "),
						Map.of("type", "CUSTOM", "value", "crm:42")),
				"traits", Map.of("firstName", "Ada", "address", Map.of("country", "DE")), "timestamp",
				"2026-03-01T10:00:00Z");
		this.graphQl.document(IDENTIFY)
			.variable("input", input)
			.execute()
			.path("identify.identities[*].value")
			.entityList(String.class)
			.satisfies(
					(values) -> assertThat(values).containsExactlyInAnyOrder("gql-user-1", "ada@example.com", "crm:42"))
			.path("identify.traits.demographic[0].name")
			.entity(String.class)
			.isEqualTo("firstName")
			.path("identify.traits.demographic[0].value")
			.entity(String.class)
			.isEqualTo("Ada")
			.path("identify.traits.geo[0].value")
			.entity(String.class)
			.isEqualTo("DE");
	}

	@Test
	void trackAttachesTheEventToTheProfileOfItsUserId() {
		String profileId = this.graphQl.document(IDENTIFY)
			.variable("input", Map.of("userId", "gql-user-2"))
			.execute()
			.path("identify.id")
			.entity(String.class)
			.get();
		this.graphQl.document(TRACK)
			.variable("input",
					Map.of("userId", "gql-user-2", "event", "Order Completed", "properties", Map.of("revenue", 42.5),
							"timestamp", "2026-03-02T09:30:00Z"))
			.execute()
			.path("track.kind")
			.entity(String.class)
			.isEqualTo("TRACK")
			.path("track.name")
			.entity(String.class)
			.isEqualTo("Order Completed")
			.path("track.occurredAt")
			.entity(String.class)
			.isEqualTo("2026-03-02T09:30:00Z");
		Long events = this.database
			.sql("SELECT count(*) FROM events WHERE profile_id = $1::uuid AND name = 'Order Completed'")
			.bind(0, profileId)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(events).isEqualTo(1L);
	}

	@Test
	void aTrackWithoutAnyIdentifierIsBadInputNamingTheField() {
		this.graphQl.document(TRACK)
			.variable("input", Map.of("event", "Order Completed"))
			.execute()
			.errors()
			.satisfy((errors) -> {
				assertThat(errors).hasSize(1);
				assertThat(errors.get(0).getExtensions()).containsEntry("code", "BAD_USER_INPUT");
				assertThat(String.valueOf(errors.get(0).getExtensions().get("field"))).contains("userId");
			});
	}

	@Test
	void aRepeatedMessageIdChangesNothingAndSaysSo() {
		Map<String, Object> input = Map.of("userId", "gql-user-3", "event", "Viewed", "messageId", "gql-dup-1");
		this.graphQl.document(TRACK)
			.variable("input", input)
			.execute()
			.path("track.name")
			.entity(String.class)
			.isEqualTo("Viewed");
		this.graphQl.document(TRACK)
			.variable("input", input)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("field", "input.messageId")));
	}

	@Test
	void twoEmailsInOneIdentifyAreRejectedBeforeAnythingIsWritten() {
		this.graphQl.document(IDENTIFY)
			.variable("input",
					Map.of("userId", "gql-user-4", "identities",
							List.of(Map.of("type", "EMAIL", "value", "a@example.org"),
									Map.of("type", "EMAIL", "value", "b@example.org"))))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("field", "input.identities[1]")));
		Long profiles = this.database.sql("SELECT count(*) FROM identities WHERE value = 'gql-user-4'")
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(profiles).isZero();
	}

}
