package dev.zielwerk.profile.ingest;

import java.util.List;
import java.util.UUID;

import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.profile.ingest.write-keys=" + IngestionSupport.WRITE_KEY,
				"zielwerk.profile.ingest.sources." + IngestionSupport.WRITE_KEY + "=website" })
@AutoConfigureWebTestClient
class SegmentIngestionIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, SegmentIngestionIT.class);
	}

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	IngestionSupport support;

	@BeforeEach
	void setUp() {
		this.support = new IngestionSupport(this.client, this.database);
	}

	@Test
	void validBatchIsCommittedWithEventsIdentitiesTraitsAndOutboxRows() {
		String user = "user-" + UUID.randomUUID();
		this.support
			.post("/v1/batch",
					"""
							{"batch": [
							  {"type": "identify", "messageId": "%1$s-1", "userId": "%1$s", "anonymousId": "anon-%1$s",
							   "traits": {"email": " Ada@Example.ORG ", "firstName": "Ada", "address": {"country": "DE"},
							              "plan": "pro"},
							   "context": {"userAgent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"},
							   "timestamp": "2026-01-05T10:00:00Z"},
							  {"type": "track", "messageId": "%1$s-2", "userId": "%1$s", "event": "Order Completed",
							   "properties": {"revenue": 42.5}, "timestamp": "2026-01-05T10:01:00+01:00"},
							  {"type": "page", "messageId": "%1$s-3", "anonymousId": "anon-%1$s", "name": "Pricing"}
							]}
							"""
						.formatted(user))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.success")
			.isEqualTo(true)
			.jsonPath("$.length()")
			.isEqualTo(1);

		UUID profile = this.support.profileOf("USER_ID", user);
		assertThat(this.support.profileOf("EMAIL", "ada@example.org")).isEqualTo(profile);
		assertThat(this.support.profileOf("ANONYMOUS_ID", "anon-" + user)).isEqualTo(profile);
		assertThat(this.support.rows("SELECT kind, name, occurred_at::text AS at FROM events WHERE profile_id = $1 "
				+ "ORDER BY occurred_at", profile))
			.extracting((row) -> row.get("kind") + "/" + row.get("name"))
			.containsExactly("TRACK/Order Completed", "IDENTIFY/null", "PAGE/Pricing");
		assertThat(this.support.rows("SELECT trait_group || '.' || name || '=' || value::text AS t, source, party "
				+ "FROM traits WHERE profile_id = $1", profile))
			.extracting((row) -> row.get("t"))
			.contains("demographic.firstName=\"Ada\"", "geo.country=\"DE\"", "custom.plan=\"pro\"",
					"technographic.browser=\"Chrome\"", "technographic.os=\"Windows\"")
			.noneMatch((t) -> String.valueOf(t).contains("email"));
		assertThat(this.support.rows("SELECT DISTINCT source, party FROM traits WHERE profile_id = $1", profile))
			.extracting((row) -> row.get("source") + "/" + row.get("party"))
			.containsExactly("website/FIRST");
		assertThat(this.support.count("SELECT count(*) FROM outbox WHERE profile_id = $1 AND type = 'event'", profile))
			.isEqualTo(3);
		assertThat(this.support.count("SELECT count(*) FROM outbox WHERE profile_id = $1 AND type = 'traits'", profile))
			.isEqualTo(1);
		assertThat(this.support.count(
				"SELECT count(*) FROM profiles WHERE id = $1 "
						+ "AND first_seen_at = '2026-01-05T09:01:00Z' AND last_seen_at > '2026-01-05T10:00:00Z'",
				profile))
			.isEqualTo(1);
		assertThat(this.support.outboxEnvelopes())
			.allSatisfy((envelope) -> assertThat(StreamSchemas.validate(envelope)).as(envelope).isEmpty());
	}

	@Test
	void badMessagesGetPreciseErrorsWhileTheGoodOnesOfTheBatchAreCommitted() {
		String run = UUID.randomUUID().toString();
		this.support.post("/v1/batch", """
				{"batch": [
				  {"type": "track", "messageId": "%1$s-0", "userId": "u-%1$s", "event": "Signed Up"},
				  {"type": "track", "messageId": "%1$s-1", "userId": "u-%1$s"},
				  {"type": "track", "messageId": "%1$s-2", "event": "Orphan"},
				  {"type": "alias", "messageId": "%1$s-3", "userId": "u-%1$s"},
				  {"type": "group", "messageId": "%1$s-4", "userId": "u-%1$s"},
				  {"type": "page", "messageId": "%1$s-5", "userId": "u-%1$s", "timestamp": "yesterday"},
				  {"type": "jump", "messageId": "%1$s-6", "userId": "u-%1$s"},
				  {"type": "track", "messageId": "%1$s-7", "userId": {"id": 1}, "event": "X"},
				  {"type": "identify", "messageId": "%1$s-8", "userId": "undefined"},
				  {"type": "screen", "messageId": "%1$s-9", "anonymousId": "a-%1$s", "name": "Home"}
				]}
				""".formatted(run))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.success")
			.isEqualTo(false)
			.jsonPath("$.accepted")
			.isEqualTo(2)
			.jsonPath("$.errors.length()")
			.isEqualTo(8)
			.jsonPath("$.errors[0].index")
			.isEqualTo(1)
			.jsonPath("$.errors[0].messageId")
			.isEqualTo(run + "-1")
			.jsonPath("$.errors[0].field")
			.isEqualTo("batch[1].event")
			.jsonPath("$.errors[1].field")
			.isEqualTo("batch[2].userId")
			.jsonPath("$.errors[1].message")
			.isEqualTo("every message needs a userId or an anonymousId")
			.jsonPath("$.errors[2].field")
			.isEqualTo("batch[3].previousId")
			.jsonPath("$.errors[3].field")
			.isEqualTo("batch[4].groupId")
			.jsonPath("$.errors[4].field")
			.isEqualTo("batch[5].timestamp")
			.jsonPath("$.errors[4].message")
			.isEqualTo("not an ISO-8601 date-time: \"yesterday\"")
			.jsonPath("$.errors[5].field")
			.isEqualTo("batch[6].type")
			.jsonPath("$.errors[6].field")
			.isEqualTo("batch[7].userId")
			.jsonPath("$.errors[7].field")
			.isEqualTo("batch[8].userId");

		assertThat(this.support.rows("SELECT message_id FROM events WHERE message_id LIKE $1 ORDER BY message_id",
				run + "%"))
			.extracting((row) -> row.get("message_id"))
			.containsExactly(run + "-0", run + "-9");
		assertThat(this.support.count("SELECT count(*) FROM outbox WHERE payload->>'messageId' LIKE $1", run + "%"))
			.isEqualTo(2);
	}

	@Test
	void singleEndpointsTakeTheTypeFromThePathAndReportBareFields() {
		String run = UUID.randomUUID().toString();
		this.support.post("/v1/track", "{\"userId\": \"s-" + run + "\", \"event\": \"Clicked\"}").expectStatus().isOk();
		this.support
			.post("/v1/group",
					"{\"userId\": \"s-" + run + "\", \"groupId\": \"acme\", "
							+ "\"traits\": {\"name\": \"ACME\", \"employee_count\": 120, \"industry\": \"Retail\"}}")
			.expectStatus()
			.isOk();
		this.support.post("/v1/alias", "{\"userId\": \"s-" + run + "\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("previousId");
		UUID profile = this.support.profileOf("USER_ID", "s-" + run);
		assertThat(this.support.rows("SELECT name || '=' || value::text AS t FROM traits WHERE profile_id = $1 "
				+ "AND trait_group = 'firmographic' ORDER BY name", profile))
			.extracting((row) -> row.get("t"))
			.containsExactly("employees=120", "industry=\"Retail\"", "name=\"ACME\"");
	}

	@Test
	void missingOrUnknownWriteKeyIsRejectedAndABodyWriteKeyIsAccepted() {
		String body = "{\"userId\": \"k-1\", \"event\": \"E\"}";
		this.client.post()
			.uri("/v1/track")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.error")
			.isEqualTo("unauthorized");
		this.client.post()
			.uri("/v1/track")
			.header(HttpHeaders.AUTHORIZATION, IngestionSupport.basic("wrong"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		this.client.post()
			.uri("/v1/track")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"writeKey\": \"" + IngestionSupport.WRITE_KEY + "\", \"userId\": \"k-2\", \"event\": \"E\"}")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.support.count("SELECT count(*) FROM identities WHERE value IN ('k-1', 'k-2')")).isEqualTo(1);
	}

	@Test
	void oversizedBodiesAndMessagesAreRejected() {
		String big = "x".repeat(33 * 1024);
		this.support
			.post("/v1/track", "{\"userId\": \"big\", \"event\": \"E\", \"properties\": {\"p\": \"" + big + "\"}}")
			.expectStatus()
			.isEqualTo(413);
		StringBuilder huge = new StringBuilder("{\"batch\": [");
		for (int i = 0; i < 20; i++) {
			huge.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"userId\":\"h\",\"event\":\"E\",\"properties\":{\"p\":\"")
				.append("y".repeat(30 * 1024))
				.append("\"}}");
		}
		this.support.post("/v1/batch", huge.append("]}").toString()).expectStatus().isEqualTo(413);
		String run = UUID.randomUUID().toString();
		this.support
			.post("/v1/batch",
					"""
							{"batch": [
							  {"type": "track", "messageId": "%1$s-big", "userId": "b-%1$s", "event": "E", "properties": {"p": "%2$s"}},
							  {"type": "track", "messageId": "%1$s-ok", "userId": "b-%1$s", "event": "E"}
							]}
							"""
						.formatted(run, big))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(1)
			.jsonPath("$.errors[0].field")
			.isEqualTo("batch[0]")
			.jsonPath("$.errors[0].messageId")
			.isEqualTo(run + "-big");
		assertThat(this.support.count("SELECT count(*) FROM events WHERE message_id = $1", run + "-ok")).isEqualTo(1);
	}

	@Test
	void duplicateMessageIdsAreDroppedWithinABatchAndAcrossRequests() {
		String id = "dup-" + UUID.randomUUID();
		String batch = """
				{"batch": [
				  {"type": "track", "messageId": "%1$s", "userId": "d-%1$s", "event": "E"},
				  {"type": "track", "messageId": "%1$s", "userId": "d-%1$s", "event": "E"}
				]}
				""".formatted(id);
		this.support.post("/v1/batch", batch).expectStatus().isOk();
		this.support.post("/v1/batch", batch).expectStatus().isOk();
		assertThat(this.support.count("SELECT count(*) FROM events WHERE message_id = $1", id)).isEqualTo(1);
		assertThat(this.support.count("SELECT count(*) FROM outbox WHERE payload->>'messageId' = $1", id)).isEqualTo(1);
	}

	@Test
	void messageTimeFollowsSegmentsClockSkewCorrection() {
		String run = UUID.randomUUID().toString();
		this.support.post("/v1/track", """
				{"messageId": "%1$s", "userId": "t-%1$s", "event": "E",
				 "originalTimestamp": "2020-01-01T00:00:00Z", "sentAt": "2020-01-01T00:00:10Z"}
				""".formatted(run)).expectStatus().isOk();
		List<java.util.Map<String, Object>> rows = this.support.rows(
				"SELECT extract(epoch FROM received_at - occurred_at)::bigint AS skew FROM events WHERE message_id = $1",
				run);
		assertThat(rows).singleElement()
			.satisfies((row) -> assertThat(((Number) row.get("skew")).longValue()).isEqualTo(10));
	}

	@Test
	void aLargeBatchIsCommittedInOneRequestWithOutboxRowsInMessageOrder() {
		String run = UUID.randomUUID().toString().substring(0, 8);
		StringBuilder batch = new StringBuilder("{\"batch\": [");
		for (int i = 0; i < 4000; i++) {
			batch.append(i == 0 ? "" : ",")
				.append("{\"type\":\"track\",\"messageId\":\"")
				.append(run)
				.append('-')
				.append(String.format("%04d", i))
				.append("\",\"userId\":\"L")
				.append(i % 700)
				.append("\",\"event\":\"Bulk\"}");
		}
		this.support.post("/v1/batch", batch.append("]}").toString()).expectStatus().isOk();
		assertThat(this.support.count("SELECT count(*) FROM events WHERE message_id LIKE $1", run + "-%"))
			.isEqualTo(4000);
		List<java.util.Map<String, Object>> order = this.support.rows(
				"SELECT payload->>'messageId' AS m FROM outbox WHERE payload->>'messageId' LIKE $1 ORDER BY seq",
				run + "-%");
		assertThat(order).extracting((row) -> row.get("m"))
			.isSortedAccordingTo(java.util.Comparator.comparing(String::valueOf))
			.hasSize(4000);
	}

}
