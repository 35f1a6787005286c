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

	@Test
	void updatesADestinationKeepsItsTestResultsAndReportsItsHealth() {
		String destination = createDestination();
		String health = "query($id: ID!) { destination(id: $id) { name settings { name value } health {"
				+ " lastTestedAt lastTestOk lastTestMessage lastError lastErrorAt breaker } } }";
		graphql(health, Map.of("id", destination)).jsonPath("$.data.destination.health.breaker")
			.isEqualTo("IDLE")
			.jsonPath("$.data.destination.health.lastTestedAt")
			.doesNotExist();

		// a rotated (wrong) key alone: the settings stay
		graphql("""
				mutation($id: ID!) {
				  updateDestination(input: {id: $id, credentials: [{name: "apiKey", value: "ffffffffffffffffffffffffffffffff-us19"}]}) {
				    name settings { name value }
				  }
				}""",
				Map.of("id", destination))
			.jsonPath("$.data.updateDestination.name")
			.isEqualTo("Newsletter")
			.jsonPath("$.data.updateDestination.settings[?(@.name == 'listId')].value")
			.isEqualTo("list1");
		graphql("mutation($id: ID!) { testDestination(id: $id) { ok message } }", Map.of("id", destination))
			.jsonPath("$.data.testDestination.ok")
			.isEqualTo(false);
		graphql(health, Map.of("id", destination)).jsonPath("$.data.destination.health.lastTestOk")
			.isEqualTo(false)
			.jsonPath("$.data.destination.health.lastTestMessage")
			.isNotEmpty()
			.jsonPath("$.data.destination.health.lastTestedAt")
			.isNotEmpty()
			.jsonPath("$.data.destination.health.breaker")
			.isEqualTo("CLOSED");

		// a run with the wrong key fails and its error becomes the destination's last
		String segment = "seg-" + UUID.randomUUID().toString().substring(0, 8);
		fixture.put(segment,
				new AudienceFixture.Person("h1", "hal@example.com", EnumSet.of(ConsentPurpose.EMAIL_MARKETING)));
		String sync = idIn(graphql("""
				mutation($segment: ID!, $destination: ID!) {
				  createAudienceSync(input: {segmentId: $segment, segmentKey: "h", destinationId: $destination,
				                             mode: UPSERT, schedule: "0 0 3 * * *"}) { id }
				}""", Map.of("segment", segment, "destination", destination)));
		graphql("mutation($id: ID!) { triggerSync(id: $id) { id } }", Map.of("id", sync));
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(
					() -> graphql(health, Map.of("id", destination)).jsonPath("$.data.destination.health.lastError")
						.isNotEmpty()
						.jsonPath("$.data.destination.health.lastErrorAt")
						.isNotEmpty());
		graphql("mutation($id: ID!) { pauseSync(id: $id) { enabled } }", Map.of("id", sync));

		graphql("""
				mutation($id: ID!, $key: String!) {
				  updateDestination(input: {id: $id, name: "Weekly", credentials: [{name: "apiKey", value: $key}]}) { name }
				}""",
				Map.of("id", destination, "key", KEY))
			.jsonPath("$.data.updateDestination.name")
			.isEqualTo("Weekly");
		graphql("mutation($id: ID!) { testDestination(id: $id) { ok } }", Map.of("id", destination))
			.jsonPath("$.data.testDestination.ok")
			.isEqualTo(true);
		graphql(health, Map.of("id", destination)).jsonPath("$.data.destination.health.lastTestOk").isEqualTo(true);

		graphql("""
				mutation($id: ID!) {
				  updateDestination(input: {id: $id, settings: [{name: "listId", value: "list1"}, {name: "baseUrl", value: "file:///etc/passwd"}]}) { name }
				}""",
				Map.of("id", destination))
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_USER_INPUT")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat(String.valueOf(message)).contains("baseUrl").contains("http or https"));
		graphql("""
				mutation($id: ID!) { updateDestination(input: {id: $id, settings: [{name: "segmentId", value: "seg7"}]}) { name } }
				""",
				Map.of("id", destination))
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat(String.valueOf(message)).contains("listId"));
		graphql("mutation { updateDestination(input: {id: \"" + UUID.randomUUID() + "\", name: \"x\"}) { name } }",
				Map.of())
			.jsonPath("$.errors[0].extensions.code")
			.isEqualTo("NOT_FOUND");
	}

	@Test
	void refusesAWebhookUrlThatIsNotHttp() {
		graphql("""
				mutation {
				  createDestination(input: {type: WEBHOOK, name: "Hook",
				      settings: [{name: "url", value: "gopher://127.0.0.1:70/"}, {name: "audienceKey", value: "vip"}],
				      credentials: [{name: "secret", value: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}]}) { id }
				}""", Map.of()).jsonPath("$.errors[0].extensions.code")
			.isEqualTo("BAD_USER_INPUT")
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat(String.valueOf(message)).contains("setting url"));
	}

	@Test
	void deletesADestinationWithItsSyncsButNotWhileOneOfItsRunsIsRunning() {
		String segment = "seg-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 12; i++) {
			fixture.put(segment, new AudienceFixture.Person("d" + i, "d" + i + "@example.com",
					EnumSet.of(ConsentPurpose.EMAIL_MARKETING)));
		}
		try (MailchimpFake slow = new MailchimpFake(KEY, "list1", "seg7")) {
			String destination = idIn(graphql("""
					mutation($apiKey: String!, $url: String!) {
					  createDestination(input: {type: MAILCHIMP, name: "Slow",
					      settings: [{name: "listId", value: "list1"}, {name: "segmentId", value: "seg7"},
					                 {name: "baseUrl", value: $url}],
					      credentials: [{name: "apiKey", value: $apiKey}]}) { id }
					}""", Map.of("apiKey", KEY, "url", slow.apiUrl())));
			String sync = idIn(graphql("""
					mutation($segment: ID!, $destination: ID!) {
					  createAudienceSync(input: {segmentId: $segment, segmentKey: "d", destinationId: $destination,
					                             mode: MIRROR, schedule: "0 0 3 * * *"}) { id }
					}""", Map.of("segment", segment, "destination", destination)));
			slow.slowDown(Duration.ofMillis(400));
			String run = idIn(graphql("mutation($id: ID!) { triggerSync(id: $id) { id } }", Map.of("id", sync)));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> graphql("query($id: ID!) { syncRun(id: $id) { status } }", Map.of("id", run))
					.jsonPath("$.data.syncRun.status")
					.isEqualTo("RUNNING"));

			graphql("mutation($id: ID!) { deleteDestination(id: $id) }", Map.of("id", destination))
				.jsonPath("$.errors[0].extensions.code")
				.isEqualTo("CONFLICT");

			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> graphql("query($id: ID!) { syncRun(id: $id) { status } }", Map.of("id", run))
					.jsonPath("$.data.syncRun.status")
					.isEqualTo("SUCCEEDED"));
			graphql("mutation($id: ID!) { deleteDestination(id: $id) }", Map.of("id", destination))
				.jsonPath("$.data.deleteDestination")
				.isEqualTo(true);
			graphql("query($d: ID!, $s: ID!, $r: ID!) { destination(id: $d) { id } audienceSync(id: $s) { id }"
					+ " syncRun(id: $r) { id } }", Map.of("d", destination, "s", sync, "r", run))
				.jsonPath("$.data.destination")
				.doesNotExist()
				.jsonPath("$.data.audienceSync")
				.doesNotExist()
				.jsonPath("$.data.syncRun")
				.doesNotExist();
			graphql("mutation($id: ID!) { deleteDestination(id: $id) }", Map.of("id", destination))
				.jsonPath("$.data.deleteDestination")
				.isEqualTo(false);
			// the destination keeps what it was sent: deleting here is not an erasure
			// there
			assertThat(slow.segment()).hasSize(12);
		}
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
