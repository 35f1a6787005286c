package dev.zielwerk.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.zielwerk.testsupport.TestDatabase;
import dev.zielwerk.testsupport.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform end to end, on real PostgreSQL and Redis with all four services
 * running: Segment-spec events in → a segment membership changes → a graphql-ws
 * subscriber on the gateway sees it (with the profile's consent from profile-service) → a
 * real-time sync delivers the person to a webhook destination → a consent withdrawal
 * removes them there → an erasure leaves no trace of their identifiers in any table or
 * Redis key. Setup and the federated query go through the gateway.
 */
class PlatformEndToEndIT {

	private static final String WRITE_KEY = "e2e-write-key";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final WebhookReceiver webhook = new WebhookReceiver();

	private static RunningPlatform platform;

	private static String namespace;

	@BeforeAll
	static void start() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		TestDatabase database = infrastructure.newDatabase(PlatformEndToEndIT.class.getSimpleName());
		Map<String, Object> overrides = new LinkedHashMap<>(PlatformTestProperties.overrides("e2e"));
		namespace = (String) overrides.get("zielwerk.redis.namespace");
		overrides.put("zielwerk.profile.ingest.write-keys", WRITE_KEY);
		overrides.put("zielwerk.connectors.sync.real-time-window", "300ms");
		overrides.put("zielwerk.connectors.sync.poll-interval", "200ms");
		// the webhook receiver listens on loopback
		overrides.put("zielwerk.connectors.allow-private-networks", "true");
		platform = PlatformLauncher.launch(
				new PlatformInfrastructure(infrastructure.postgres(), database.name(), infrastructure.redis()),
				PlatformServices.all(), overrides, true);
	}

	@AfterAll
	static void stop() {
		if (platform != null) {
			platform.close();
		}
		webhook.close();
	}

	@Test
	void eventsInMembershipOutToADestinationConsentWithdrawnThenErasedWithoutTrace() throws Exception {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		String userId = "e2e-user-" + suffix;
		String anonymousId = "e2e-anon-" + suffix;
		String email = "grete.e2e-" + suffix + "@shop.example";

		// a segment, a webhook destination for e-mail marketing and a real-time sync,
		// through the gateway
		JsonNode segment = gateway("mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id key } }",
				Map.of("input", Map.of("key", "buyers-" + suffix, "name", "Buyers", "rule",
						"count(event \"Order Completed\" within 30d) >= 1")))
			.path("createSegment");
		String segmentId = segment.path("id").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "ACTIVE".equals(
					gateway("query($id: ID!) { segment(id: $id) { status } }", Map.of("id", segmentId)).path("segment")
						.path("status")
						.asString()));
		String destinationId = gateway(
				"mutation($input: CreateDestinationInput!) { createDestination(input: $input) { id } }",
				Map.of("input",
						Map.of("type", "WEBHOOK", "name", "CRM webhook", "purpose", "EMAIL_MARKETING", "settings",
								List.of(Map.of("name", "url", "value", webhook.url()),
										Map.of("name", "audienceKey", "value", "buyers-" + suffix)),
								"credentials", List.of(Map.of("name", "secret", "value", webhookSecret())))))
			.path("createDestination")
			.path("id")
			.asString();
		String syncId = gateway(
				"mutation($input: CreateAudienceSyncInput!) { createAudienceSync(input: $input) { id schedule } }",
				Map.of("input",
						Map.of("segmentId", segmentId, "segmentKey", "buyers-" + suffix, "destinationId", destinationId,
								"mode", "MIRROR", "schedule", "REAL_TIME")))
			.path("createAudienceSync")
			.path("id")
			.asString();

		// a graphql-ws subscriber at the gateway on the segment's membership changes
		List<JsonNode> changes = new CopyOnWriteArrayList<>();
		Disposable subscription = subscribe(segmentId, changes);
		try {
			// Segment-spec events: an anonymous visit, a sign-up with e-mail consent, an
			// order
			String now = Instant.now().toString();
			int status = track("""
					{"batch":[
					 {"type":"page","anonymousId":"%2$s","name":"Home","timestamp":"%4$s"},
					 {"type":"identify","userId":"%1$s","anonymousId":"%2$s","timestamp":"%4$s",
					  "traits":{"email":"%3$s","firstName":"Grete","address":{"country":"AT","city":"Graz"}},
					  "context":{"consent":{"categoryPreferences":{"email":true}}}},
					 {"type":"track","userId":"%1$s","event":"Order Completed","timestamp":"%4$s",
					  "properties":{"order_id":"o-%5$s","revenue":89.9,"currency":"EUR"}}]}
					""".formatted(userId, anonymousId, email, now, suffix));
			assertThat(status).isEqualTo(200);
			String profileId = gateway(
					"query($email: String!) { profileByIdentity(type: EMAIL, value: $email) { id } }",
					Map.of("email", email))
				.path("profileByIdentity")
				.path("id")
				.asString();

			// the subscriber sees the person enter
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(changes).anySatisfy((change) -> {
				assertThat(change.path("profileId").asString()).isEqualTo(profileId);
				assertThat(change.path("change").asString()).isEqualTo("ENTERED");
				assertThat(change.path("profile").path("consent").toString()).contains("EMAIL_MARKETING", "GRANTED");
			}));
			// the real-time sync delivers them
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(webhook.actions()).contains("add:[" + profileId + "]"));

			// one query across the three subgraphs: profile-service's profile,
			// segment-service's
			// Profile.segments, connectors' Segment.syncs
			JsonNode federated = gateway(ZielwerkQueries.PROFILE_WITH_SEGMENTS_AND_SYNCS, Map.of("id", profileId));
			assertThat(federated.path("profile").path("identities").toString()).contains(email, userId);
			assertThat(federated.path("profile").path("segments").toString()).contains("buyers-" + suffix, syncId,
					"REAL_TIME");

			// withdrawing e-mail consent removes them from the e-mail destination (they
			// stay in the segment)
			gateway("mutation($input: SetConsentInput!) { setConsent(input: $input) { status } }", Map.of("input",
					Map.of("profileId", profileId, "purpose", "EMAIL_MARKETING", "status", "WITHDRAWN")));
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(webhook.actions()).contains("remove:[" + profileId + "]"));

			// erasure: no trace of the person's identifiers in any table of any service,
			// nor in Redis
			gateway("mutation($input: EraseProfileInput!) { eraseProfile(input: $input) { deleted } }",
					Map.of("input", Map.of("profileId", profileId, "requestedBy", "ticket-e2e")));
			List<String> personal = List.of(userId, anonymousId, email, "Grete");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(rowsMentioning(personal)).isEmpty();
				assertThat(redisMentioning(personal)).isEmpty();
				// the pseudonymous profile id only where the erasure itself needs it
				assertThat(rowsMentioning(List.of(profileId)))
					.allSatisfy((row) -> assertThat(row).matches(PlatformEndToEndIT::erasureRecord));
				assertThat(redisMentioning(List.of(profileId))).isEmpty();
			});
			// the subscriber sees the erasure's exit, without the person (the profile is
			// gone)
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(changes).anySatisfy((change) -> {
				assertThat(change.path("profileId").asString()).isEqualTo(profileId);
				assertThat(change.path("change").asString()).isEqualTo("EXITED");
				assertThat(change.path("reason").asString()).isEqualTo("erase");
				assertThat(change.path("profile").isNull()).as(change.toString()).isTrue();
			}));
			assertThat(gateway("query($id: ID!) { segment(id: $id) { size } }", Map.of("id", segmentId)).path("segment")
				.path("size")
				.asInt()).isZero();
		}
		finally {
			subscription.dispose();
		}
	}

	/**
	 * Where an erased person's (random, pseudonymous) profile id may stay: the erasure's
	 * audit row and its {@code erase} message in the outbox (the tombstone the other
	 * services act on, deleted after the relay's retention). Connectors keep nothing: a
	 * run's checkpoint and scope go when it ends, so the real-time run queued by the
	 * erasure's own membership change leaves no row either.
	 */
	private static boolean erasureRecord(String row) {
		return row.startsWith("profile.erasure_audit: ")
				|| (row.startsWith("profile.outbox: ") && row.contains(",erase,"));
	}

	/**
	 * Every row of every table of the three services' schemas whose text holds one of the
	 * identifiers (case-insensitive), as {@code schema.table: row}. The suppression list
	 * keeps SHA-256 hashes only, so it passes.
	 */
	private static List<String> rowsMentioning(List<String> identifiers) {
		DatabaseClient database = platform.context(PlatformServices.PROFILE).getBean(DatabaseClient.class);
		List<String> tables = database
			.sql("SELECT table_schema || '.' || table_name AS t FROM information_schema.tables "
					+ "WHERE table_schema IN ('profile', 'segment', 'connector') AND table_type = 'BASE TABLE'")
			.map((row) -> row.get("t", String.class))
			.all()
			.collectList()
			.block();
		assertThat(tables).contains("profile.events", "segment.memberships", "connector.synced_members");
		List<String> found = new ArrayList<>();
		for (String table : tables) {
			for (String identifier : identifiers) {
				database.sql("SELECT t::text AS row FROM " + table + " t WHERE strpos(lower(t::text), lower($1)) > 0")
					.bind(0, identifier)
					.map((row) -> table + ": " + row.get("row", String.class))
					.all()
					.toIterable()
					.forEach(found::add);
			}
		}
		return found;
	}

	/**
	 * Every key of the test's Redis namespace whose name or content holds one of the
	 * identifiers; stream entries one by one, where the erasure's own {@code erase} entry
	 * (the message segment-service and connectors act on) is expected to name the
	 * profile.
	 */
	private static List<String> redisMentioning(List<String> identifiers) {
		ReactiveStringRedisTemplate redis = platform.context(PlatformServices.SEGMENT)
			.getBean(ReactiveStringRedisTemplate.class);
		List<String> keys = redis.scan(ScanOptions.scanOptions().match(namespace + "*").count(1000).build())
			.collectList()
			.block();
		List<String> found = new ArrayList<>();
		for (String key : keys) {
			String content = String.valueOf(content(redis, key));
			for (String identifier : identifiers) {
				if ((key + content).toLowerCase().contains(identifier.toLowerCase())) {
					found.add(key + " (" + identifier + "): " + abbreviate(content));
				}
			}
		}
		return found;
	}

	private static Object content(ReactiveStringRedisTemplate redis, String key) {
		DataType type = redis.type(key).block();
		return switch (type) {
			case STRING -> redis.opsForValue().get(key).block();
			case SET -> redis.opsForSet().members(key).collectList().block();
			case ZSET ->
				redis.opsForZSet().range(key, org.springframework.data.domain.Range.unbounded()).collectList().block();
			case HASH -> redis.opsForHash().entries(key).collectList().block();
			case LIST -> redis.opsForList().range(key, 0, -1).collectList().block();
			case STREAM -> redis.opsForStream()
				.range(key, org.springframework.data.domain.Range.unbounded())
				.map((record) -> record.getValue())
				.filter((entry) -> !"erase".equals(entry.get("type")))
				.collectList()
				.block();
			default -> "";
		};
	}

	/**
	 * What ended the subscription, if anything: shown when an expected change is missing.
	 */
	private static final List<String> errors = new CopyOnWriteArrayList<>();

	private static Disposable subscribe(String segmentId, List<JsonNode> changes) {
		// at the gateway: segment-service streams the change, profile-service answers the
		// profile's consent for each event
		URI url = URI.create("ws://localhost:" + platform.port(PlatformServices.GATEWAY) + "/graphql");
		WebSocketGraphQlClient client = WebSocketGraphQlClient.builder(url, new ReactorNettyWebSocketClient()).build();
		return client
			.document("subscription($id: ID!) { segmentMembershipChanged(segmentId: $id) "
					+ "{ segmentId key profileId change reason profile { consent { purpose status } } } }")
			.variable("id", segmentId)
			.executeSubscription()
			// raw data: after the erasure an event's profile entity is gone (null, with
			// an
			// error at its path), which is not a reason to end the subscriber
			.subscribe((response) -> {
				JsonNode change = json.valueToTree(response.getData()).path("segmentMembershipChanged");
				if (change.isObject()) {
					changes.add(change);
				}
			}, (error) -> errors.add(String.valueOf(error)));
	}

	private static int track(String batch) throws IOException, InterruptedException {
		String credentials = Base64.getEncoder().encodeToString((WRITE_KEY + ":").getBytes(StandardCharsets.UTF_8));
		return http
			.send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + platform.port(PlatformServices.PROFILE) + "/v1/batch"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Basic " + credentials)
				.POST(HttpRequest.BodyPublishers.ofString(batch))
				.build(), HttpResponse.BodyHandlers.ofString())
			.statusCode();
	}

	/**
	 * A query or mutation through the gateway; its {@code data}, failing on any error.
	 */
	private static JsonNode gateway(String query, Map<String, Object> variables)
			throws IOException, InterruptedException {
		byte[] body = json.writeValueAsBytes(Map.of("query", query, "variables", variables));
		HttpResponse<String> response = http.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + platform.port(PlatformServices.GATEWAY) + "/graphql"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode answer = json.readTree(response.body());
		assertThat(answer.path("errors").isMissingNode() || answer.path("errors").isEmpty())
			.as("errors of %s: %s", query, response.body())
			.isTrue();
		return answer.path("data");
	}

	private static String webhookSecret() {
		byte[] key = new byte[32];
		new java.security.SecureRandom().nextBytes(key);
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

	private static String abbreviate(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

}
