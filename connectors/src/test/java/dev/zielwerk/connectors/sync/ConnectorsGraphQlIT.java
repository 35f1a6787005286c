package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.fake.MailchimpFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ConnectorsGraphQlIT {

	private static final String KEY = "0123456789abcdef0123456789abcdef-us19";

	private static final AudienceFixture fixture = new AudienceFixture();

	private static final MailchimpFake mailchimp = new MailchimpFake(KEY, "list1", "seg7");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		SyncTestProperties.register(registry, ConnectorsGraphQlIT.class, fixture, true);
	}

	@AfterAll
	static void stopFakes() {
		fixture.close();
		mailchimp.close();
	}

	@Autowired
	WebTestClient client;

	private WebTestClient.BodyContentSpec graphql(String document, Map<String, Object> variables) {
		return this.client.post()
			.uri("/graphql")
			.bodyValue(Map.of("query", document, "variables", variables))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private String createDestination() {
		byte[] body = graphql("""
				mutation($apiKey: String!, $url: String!) {
				  createDestination(input: {type: MAILCHIMP, name: "Newsletter",
				      settings: [{name: "listId", value: "list1"}, {name: "segmentId", value: "seg7"},
				                 {name: "baseUrl", value: $url}],
				      credentials: [{name: "apiKey", value: $apiKey}]}) {
				    id type name purpose settings { name value }
				  }
				}""", Map.of("apiKey", KEY, "url", mailchimp.apiUrl())).jsonPath("$.data.createDestination.purpose")
			.isEqualTo("EMAIL_MARKETING")
			.returnResult()
			.getResponseBody();
		String answer = new String(body, java.nio.charset.StandardCharsets.UTF_8);
		assertThat(answer).doesNotContain(KEY).contains("\"listId\"");
		return answer.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
	}

	@Test
	void createsTestsAndSyncsADestinationAndReportsTheRunWithItsRejectedRecords() {
		String segment = "seg-" + UUID.randomUUID().toString().substring(0, 8);
		fixture.put(segment,
				new AudienceFixture.Person("p1", "dora@example.com", EnumSet.of(ConsentPurpose.EMAIL_MARKETING)));
		fixture.put(segment,
				new AudienceFixture.Person("p2", "broken@nowhere", EnumSet.of(ConsentPurpose.EMAIL_MARKETING)));
		String destination = createDestination();
		graphql("mutation($id: ID!) { testDestination(id: $id) { ok message } }", Map.of("id", destination))
			.jsonPath("$.data.testDestination.ok")
			.isEqualTo(true);

		graphql("""
				mutation($segment: ID!, $destination: ID!) {
				  createAudienceSync(input: {segmentId: $segment, segmentKey: "vip", destinationId: $destination,
				                             mode: MIRROR, schedule: "every day"}) { id }
				}""", Map.of("segment", segment, "destination", destination)).jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_USER_INPUT")
			.jsonPath("$.errors[0].extensions.field")
			.isEqualTo("input.schedule");
		String sync = new String(graphql("""
				mutation($segment: ID!, $destination: ID!) {
				  createAudienceSync(input: {segmentId: $segment, segmentKey: "vip", destinationId: $destination,
				                             mode: MIRROR, schedule: "0 0 3 * * *"}) { id }
				}""", Map.of("segment", segment, "destination", destination)).returnResult().getResponseBody(),
				java.nio.charset.StandardCharsets.UTF_8)
			.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
		String run = new String(graphql("mutation($id: ID!) { triggerSync(id: $id) { id status } }", Map.of("id", sync))
			.jsonPath("$.data.triggerSync.status")
			.isEqualTo("QUEUED")
			.returnResult()
			.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8)
			.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> graphql("query($id: ID!) { syncRun(id: $id) { status } }", Map.of("id", run))
				.jsonPath("$.data.syncRun.status")
				.isEqualTo("PARTIAL"));
		graphql("""
				query($id: ID!) {
				  syncRun(id: $id) {
				    eligible added removed rejected skippedNoConsent startedAt finishedAt
				    rejectedRecords(first: 10) { edges { node { memberKey action code reason } } pageInfo { hasNextPage } }
				  }
				}""",
				Map.of("id", run))
			.jsonPath("$.data.syncRun.eligible")
			.isEqualTo(2)
			.jsonPath("$.data.syncRun.added")
			.isEqualTo(1)
			.jsonPath("$.data.syncRun.rejected")
			.isEqualTo(1)
			.jsonPath("$.data.syncRun.rejectedRecords.edges[0].node.memberKey")
			.isEqualTo("p2")
			.jsonPath("$.data.syncRun.rejectedRecords.edges[0].node.code")
			.isEqualTo("ERROR_GENERIC")
			.jsonPath("$.data.syncRun.rejectedRecords.pageInfo.hasNextPage")
			.isEqualTo(false);
		assertThat(mailchimp.segment()).containsExactly("dora@example.com");

		graphql("""
				query($reps: [_Any!]!) {
				  _entities(representations: $reps) {
				    ... on Segment { id syncs { id mode enabled destination { name } runs(first: 5) { edges { node { id } } } } }
				  }
				}""",
				Map.of("reps", java.util.List.of(Map.of("__typename", "Segment", "id", segment))))
			.jsonPath("$.data._entities[0].syncs[0].id")
			.isEqualTo(sync)
			.jsonPath("$.data._entities[0].syncs[0].destination.name")
			.isEqualTo("Newsletter")
			.jsonPath("$.data._entities[0].syncs[0].runs.edges[0].node.id")
			.isEqualTo(run);

		graphql("mutation($id: ID!) { pauseSync(id: $id) { enabled } }", Map.of("id", sync))
			.jsonPath("$.data.pauseSync.enabled")
			.isEqualTo(false);
	}

	@Test
	void streamsTheProgressOfARunUntilItHasFinished() {
		String segment = "seg-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 10; i < 22; i++) {
			fixture.put(segment, new AudienceFixture.Person("p" + i, "m" + i + "@example.com",
					EnumSet.of(ConsentPurpose.EMAIL_MARKETING)));
		}
		String destination = createDestination();
		String sync = idIn(graphql("""
				mutation($segment: ID!, $destination: ID!) {
				  createAudienceSync(input: {segmentId: $segment, segmentKey: "all", destinationId: $destination,
				                             mode: UPSERT, schedule: "0 0 3 * * *"}) { id }
				}""", Map.of("segment", segment, "destination", destination)));
		String run = idIn(graphql("mutation($id: ID!) { triggerSync(id: $id) { id } }", Map.of("id", sync)));

		List<String> events = this.client.post()
			.uri("/graphql")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(Map.of("query", "subscription($id: ID!) { syncRunProgress(id: $id) { status added } }",
					"variables", Map.of("id", run)))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody()
			.filter((event) -> event.contains("syncRunProgress"))
			.collectList()
			.block(Duration.ofSeconds(20));

		assertThat(events).isNotEmpty();
		assertThat(events.get(events.size() - 1)).contains("\"status\":\"SUCCEEDED\"").contains("\"added\":12");
	}

	private static String idIn(WebTestClient.BodyContentSpec body) {
		return new String(body.returnResult().getResponseBody(), StandardCharsets.UTF_8)
			.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
	}

	@Test
	void answersNotFoundForAnUnknownSyncAndBadInputForAMalformedId() {
		graphql("mutation { triggerSync(id: \"" + UUID.randomUUID() + "\") { id } }", Map.of())
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("NOT_FOUND");
		graphql("mutation { triggerSync(id: \"nope\") { id } }", Map.of()).jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_USER_INPUT")
			.jsonPath("$.errors[0].extensions.field")
			.isEqualTo("id");
	}

}
