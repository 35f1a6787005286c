package dev.zielwerk.segment.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.segment.membership.MembershipCache;
import dev.zielwerk.segment.store.RedisKeys;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import reactor.core.Disposable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.WebSocketGraphQlTester;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The engine end to end on real PostgreSQL and Redis: messages written into the profile
 * stream with XADD, segments through GraphQL, time moved with a mutable clock and the
 * scheduler triggered by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.segment.scheduler.enabled=false",
				// the test triggers the Redis check itself
				"zielwerk.segment.cache.check-interval=1h",
				// entries another consumer leaves pending are claimed quickly
				"zielwerk.segment.engine.claim-idle=1s" })
@AutoConfigureWebTestClient
@Import(EngineTestConfig.class)
class SegmentEngineIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, SegmentEngineIT.class);
	}

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	RedisKeys keys;

	@Autowired
	TimeScheduler scheduler;

	@Autowired
	MutableClock clock;

	@Autowired
	MembershipCache cache;

	@Autowired
	StreamConsumer consumer;

	@LocalServerPort
	int port;

	EngineFixture fixture;

	@BeforeEach
	void fixture() {
		this.fixture = new EngineFixture(this.client, this.database, this.redis, this.keys);
	}

	@Test
	void creatingASegmentComputesItsMembershipInBatch() {
		UUID german = UUID.randomUUID();
		UUID austrian = UUID.randomUUID();
		this.fixture.stream.traits(german, now(), "geo", "country", "DE");
		this.fixture.awaitProcessed(this.fixture.stream.traits(austrian, now(), "geo", "country", "AT"));

		String id = this.fixture.createSegment("batch-de", "traits.geo.country = \"DE\"");

		assertThat(this.fixture.members("batch-de")).containsExactly(german);
		assertThat(this.fixture.redisMembers("batch-de")).containsExactly(german);
		assertThat(this.fixture.redisSegments(german)).contains("batch-de");
		assertThat(this.fixture.count(
				"SELECT count(*) FROM membership_history WHERE segment_id = $1 AND change = 'ENTERED' AND reason = 'batch'",
				UUID.fromString(id)))
			.isEqualTo(1);
		JsonNode segment = this.fixture
			.graphql("query($id: ID!) { segment(id: $id) { key size status rule { text } } }", Map.of("id", id));
		assertThat(segment.at("/data/segment/size").asInt()).isEqualTo(1);
		assertThat(segment.at("/data/segment/status").asString()).isEqualTo("ACTIVE");
		assertThat(segment.at("/data/segment/rule/text").asString()).isEqualTo("traits.geo.country = \"DE\"");
	}

	@Test
	void anEventMakesAProfileEnterAndTheClosingWindowMakesItExit() {
		this.fixture.createSegment("buyers", "count(event \"Order Completed\" within 30d) >= 1");
		UUID buyer = UUID.randomUUID();
		Instant boughtAt = now();

		this.fixture.stream.event(buyer, "Order Completed", boughtAt, Map.of("revenue", 20));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.fixture.redisSegments(buyer).contains("buyers"));
		assertThat(this.fixture.members("buyers")).contains(buyer);
		assertThat(this.fixture.count(
				"SELECT count(*) FROM evaluation_schedule WHERE segment_key = 'buyers' AND profile_id = $1 AND due_at = $2",
				buyer, boughtAt.plus(Duration.ofDays(30))))
			.isEqualTo(1);

		this.clock.advance(Duration.ofDays(29));
		this.scheduler.runDue().block();
		assertThat(this.fixture.members("buyers")).contains(buyer);

		this.clock.advance(Duration.ofDays(1));
		this.scheduler.runDue().block();
		assertThat(this.fixture.members("buyers")).doesNotContain(buyer);
		assertThat(this.fixture.redisSegments(buyer)).doesNotContain("buyers");
		assertThat(this.fixture.count(
				"SELECT count(*) FROM membership_history h JOIN segments s ON s.id = h.segment_id WHERE s.key = 'buyers' AND h.profile_id = $1 AND h.change = 'EXITED' AND h.reason = 'time'",
				buyer))
			.isEqualTo(1);
		assertThat(this.fixture.count("SELECT count(*) FROM evaluation_schedule WHERE profile_id = $1", buyer))
			.isZero();
	}

	@Test
	void withdrawingConsentMakesAProfileExit() {
		this.fixture.createSegment("mailable", "consent(EMAIL_MARKETING)");
		UUID person = UUID.randomUUID();

		this.fixture.awaitProcessed(this.fixture.stream.consent(person, now(), "EMAIL_MARKETING", "GRANTED", null));
		assertThat(this.fixture.members("mailable")).contains(person);

		this.fixture.awaitProcessed(this.fixture.stream.consent(person, now(), "EMAIL_MARKETING", "WITHDRAWN", null));
		assertThat(this.fixture.members("mailable")).doesNotContain(person);
		assertThat(this.fixture.redisSegments(person)).doesNotContain("mailable");
	}

	@Test
	void aMergeMovesTheStateToTheSurvivorAndRecomputes() {
		this.fixture.createSegment("repeat", "count(event \"Checkout\") >= 2");
		this.fixture.createSegment("from-at", "traits.geo.country = \"AT\"");
		UUID survivor = UUID.randomUUID();
		UUID merged = UUID.randomUUID();
		this.fixture.stream.event(survivor, "Checkout", now(), Map.of());
		this.fixture.stream.event(merged, "Checkout", now(), Map.of());
		this.fixture.awaitProcessed(this.fixture.stream.traits(merged, now(), "geo", "country", "AT"));
		assertThat(this.fixture.members("repeat")).doesNotContain(survivor, merged);
		assertThat(this.fixture.members("from-at")).contains(merged);

		this.fixture.awaitProcessed(this.fixture.stream.merge(survivor, merged, now()));

		assertThat(this.fixture.members("repeat")).contains(survivor).doesNotContain(merged);
		assertThat(this.fixture.members("from-at")).contains(survivor).doesNotContain(merged);
		// Redis follows PostgreSQL right after the commit that marks the message
		// processed
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.fixture.redisSegments(survivor)).contains("repeat", "from-at"));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.fixture.redisSegments(merged)).isEmpty());
		assertThat(this.fixture.count("SELECT count(*) FROM profiles WHERE profile_id = $1", merged)).isZero();
	}

	@Test
	void erasureRemovesTheProfileFromEverySegmentAndRedis() {
		this.fixture.createSegment("erase-a", "traits.custom.plan = \"gold\"");
		this.fixture.createSegment("erase-b", "count(event any) >= 1");
		UUID person = UUID.randomUUID();
		this.fixture.stream.traits(person, now(), "custom", "plan", "gold");
		this.fixture.awaitProcessed(this.fixture.stream.event(person, "Login", now(), Map.of()));
		assertThat(this.fixture.redisSegments(person)).contains("erase-a", "erase-b");

		this.fixture.awaitProcessed(this.fixture.stream.erase(person, now(), List.of()));

		assertThat(this.fixture.members("erase-a")).doesNotContain(person);
		assertThat(this.fixture.members("erase-b")).doesNotContain(person);
		assertThat(this.fixture.redisMembers("erase-a")).doesNotContain(person);
		assertThat(this.fixture.redisMembers("erase-b")).doesNotContain(person);
		assertThat(this.fixture.redisSegments(person)).isEmpty();
		assertThat(this.fixture.count("SELECT count(*) FROM profiles WHERE profile_id = $1", person)).isZero();
		assertThat(this.fixture.count("SELECT count(*) FROM membership_history WHERE profile_id = $1", person))
			.isZero();
	}

	@Test
	void aFlushedRedisCopyIsRebuiltFromPostgresql() {
		this.fixture.createSegment("rebuilt", "traits.custom.rebuilt = true");
		UUID person = UUID.randomUUID();
		UUID stranger = UUID.randomUUID();
		this.fixture.awaitProcessed(this.fixture.stream.traits(person, now(), "custom", "rebuilt", true));
		this.redis
			.delete(this.keys.segmentMembers("rebuilt"), this.keys.profileSegments(person), this.keys.membershipBuilt())
			.block();
		this.redis.opsForSet().add(this.keys.profileSegments(stranger), "rebuilt").block();
		JsonNode meanwhile = this.fixture.graphql(
				"query($r: [_Any!]!) { _entities(representations: $r) { ... on Profile { inSegment(key: \"rebuilt\") } } }",
				Map.of("r", List.of(Map.of("__typename", "Profile", "id", person.toString()))));
		assertThat(meanwhile.at("/data/_entities/0/inSegment").asBoolean()).as(meanwhile.toString()).isTrue();

		assertThat(this.cache.rebuildIfMissing().block()).isTrue();

		assertThat(this.fixture.redisMembers("rebuilt")).containsExactly(person);
		assertThat(this.fixture.redisSegments(person)).contains("rebuilt");
		assertThat(this.fixture.redisSegments(stranger)).isEmpty();
		assertThat(this.cache.rebuildIfMissing().block()).isFalse();
	}

	@Test
	void membersArePagedAndSizeHistoryFollowsEntriesAndExits() {
		String id = this.fixture.createSegment("hist", "traits.custom.hist = true");
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		Instant start = now();
		this.fixture.awaitProcessed(this.fixture.stream.traits(first, now(), "custom", "hist", true));
		this.clock.advance(Duration.ofDays(1));
		this.fixture.awaitProcessed(this.fixture.stream.traits(second, now(), "custom", "hist", true));

		String page = "query($id: ID!, $after: String) { segment(id: $id) { members(first: 1, after: $after) {"
				+ " edges { cursor node { id } } pageInfo { hasNextPage endCursor } totalCount } } }";
		JsonNode firstPage = this.fixture.graphql(page, Map.of("id", id));
		assertThat(firstPage.at("/data/segment/members/totalCount").asInt()).as(firstPage.toString()).isEqualTo(2);
		assertThat(firstPage.at("/data/segment/members/pageInfo/hasNextPage").asBoolean()).isTrue();
		JsonNode secondPage = this.fixture.graphql(page,
				Map.of("id", id, "after", firstPage.at("/data/segment/members/pageInfo/endCursor").asString()));
		assertThat(secondPage.at("/data/segment/members/pageInfo/hasNextPage").asBoolean()).isFalse();
		assertThat(List.of(firstPage.at("/data/segment/members/edges/0/node/id").asString(),
				secondPage.at("/data/segment/members/edges/0/node/id").asString()))
			.containsExactlyInAnyOrder(first.toString(), second.toString());
		JsonNode only = this.fixture.graphql(
				"query($id: ID!, $ids: [ID!]) { segment(id: $id) { members(first: 10, profileIds: $ids) {"
						+ " edges { node { id } } } } }",
				Map.of("id", id, "ids", List.of(second.toString(), UUID.randomUUID().toString())));
		assertThat(only.at("/data/segment/members/edges").findValues("id").stream().map(JsonNode::asString).toList())
			.as(only.toString())
			.containsExactly(second.toString());

		this.clock.advance(Duration.ofDays(1));
		this.fixture.awaitProcessed(this.fixture.stream.traits(first, now(), "custom", "hist", false));
		JsonNode history = this.fixture.graphql(
				"query($id: ID!, $from: DateTime!, $to: DateTime!) { segment(id: $id) {"
						+ " sizeHistory(from: $from, to: $to, interval: DAY) { at size entered exited } } }",
				Map.of("id", id, "from", start.minus(Duration.ofDays(1)).toString(), "to",
						start.plus(Duration.ofDays(3)).toString()));
		JsonNode points = history.at("/data/segment/sizeHistory");
		assertThat(points.findValues("size").stream().map(JsonNode::asInt).toList()).as(history.toString())
			.containsExactly(0, 1, 2, 1);
		assertThat(points.findValues("entered").stream().map(JsonNode::asInt).toList()).containsExactly(0, 1, 1, 0);
		assertThat(points.findValues("exited").stream().map(JsonNode::asInt).toList()).containsExactly(0, 0, 0, 1);
	}

	@Test
	@SuppressWarnings("unchecked")
	void entriesLeftPendingByAnotherConsumerAreClaimedAndProcessed() {
		UUID person = UUID.randomUUID();
		UUID orphan;
		this.consumer.stop();
		try {
			// a read still blocked on the stopped consumer's connection takes this one
			this.fixture.stream.event(person, "Drain", now(), Map.of());
			orphan = this.fixture.stream.event(person, "Orphan", now(), Map.of());
			// a consumer that receives and never acknowledges
			List<String> taken = this.redis.opsForStream()
				.read(Consumer.from("segment-service", "ghost"), StreamReadOptions.empty().count(10),
						StreamOffset.create(this.keys.profileStream(), ReadOffset.lastConsumed()))
				.map((record) -> String.valueOf(record.getValue().get("message")))
				.collectList()
				.block();
			assertThat(taken).anyMatch((message) -> message.contains(orphan.toString()));
		}
		finally {
			this.consumer.start();
		}

		this.fixture.awaitProcessed(orphan);
		assertThat(this.fixture.count("SELECT count(*) FROM profile_events WHERE profile_id = $1 AND name = 'Orphan'",
				person))
			.isEqualTo(1);
	}

	@Test
	void aDuplicateMessageIdIsProcessedOnce() {
		UUID person = UUID.randomUUID();
		UUID id = UUID.randomUUID();
		Map<String, Object> first = Map.of("eventId", UUID.randomUUID().toString(), "messageId", "a", "kind", "TRACK",
				"name", "Dup", "properties", Map.of());
		Map<String, Object> second = Map.of("eventId", UUID.randomUUID().toString(), "messageId", "a", "kind", "TRACK",
				"name", "Dup", "properties", Map.of());
		this.fixture.stream.sendWithId(id, "event", person, now(), first);
		this.fixture.stream.sendWithId(id, "event", person, now(), second);
		this.fixture.awaitProcessed(this.fixture.stream.event(person, "Marker", now(), Map.of()));

		assertThat(this.fixture.count("SELECT count(*) FROM profile_events WHERE profile_id = $1 AND name = 'Dup'",
				person))
			.isEqualTo(1);
	}

	@Test
	void profileSegmentsAreServedForEveryRepresentation() {
		this.fixture.createSegment("entity-vip", "traits.custom.vip = true");
		UUID vip = UUID.randomUUID();
		UUID other = UUID.randomUUID();
		this.fixture.awaitProcessed(this.fixture.stream.traits(vip, now(), "custom", "vip", true));

		JsonNode answer = this.fixture.graphql("""
				query($representations: [_Any!]!) {
				  _entities(representations: $representations) {
				    ... on Profile { id segments { key } inSegment(key: "entity-vip") }
				  }
				}
				""", Map.of("representations", List.of(Map.of("__typename", "Profile", "id", vip.toString()),
				Map.of("__typename", "Profile", "id", other.toString()))));

		assertThat(answer.at("/data/_entities/0/id").asString()).as(answer.toString()).isEqualTo(vip.toString());
		assertThat(answer.at("/data/_entities/0/segments").findValuesAsString("key")).contains("entity-vip");
		assertThat(answer.at("/data/_entities/0/inSegment").asBoolean()).isTrue();
		assertThat(answer.at("/data/_entities/1/segments").size()).isZero();
		assertThat(answer.at("/data/_entities/1/inSegment").asBoolean()).isFalse();
	}

	@Test
	void aBadRuleIsRejectedWithLineAndColumn() {
		JsonNode answer = this.fixture.graphql(
				"""
						mutation { createSegment(input: {key: "bad", name: "Bad", rule: "count(event any within 30) > 1"}) { id } }
						""",
				Map.of());

		JsonNode error = answer.at("/errors/0");
		assertThat(error.at("/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
		assertThat(error.at("/extensions/line").asInt()).isEqualTo(1);
		assertThat(error.at("/extensions/column").asInt()).isGreaterThan(1);
		assertThat(this.fixture.status("bad")).isEmpty();

		JsonNode validation = this.fixture.graphql(
				"query { validateRule(rule: \"in segment \\\"nope\\\"\") { valid errors { line column message } } }",
				Map.of());
		assertThat(validation.at("/data/validateRule/valid").asBoolean()).isFalse();
		assertThat(validation.at("/data/validateRule/errors/0/column").asInt()).isEqualTo(1);
		JsonNode valid = this.fixture
			.graphql("query { validateRule(rule: \"consent(ANALYTICS)\") { valid ast canonical } }", Map.of());
		assertThat(valid.at("/data/validateRule/valid").asBoolean()).isTrue();
		assertThat(valid.at("/data/validateRule/canonical").asString()).isEqualTo("consent(ANALYTICS)");
	}

	@Test
	void previewSegmentCountsTheAudienceWithoutSavingAnything() {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		this.fixture.stream.traits(first, now(), "custom", "tier", "preview");
		this.fixture.awaitProcessed(this.fixture.stream.traits(second, now(), "custom", "tier", "preview"));
		long segments = this.fixture.count("SELECT count(*) FROM segments");

		JsonNode answer = this.fixture.graphql(
				"query { previewSegment(rule: \"traits.custom.tier = \\\"preview\\\"\", sample: 1) { size sample { id } } }",
				Map.of());

		assertThat(answer.at("/data/previewSegment/size").asInt()).as(answer.toString()).isEqualTo(2);
		assertThat(answer.at("/data/previewSegment/sample").size()).isEqualTo(1);
		assertThat(answer.at("/data/previewSegment/sample/0/id").asString()).isIn(first.toString(), second.toString());
		assertThat(this.fixture.count("SELECT count(*) FROM segments")).isEqualTo(segments);
	}

	@Test
	void smallActiveSegmentsCarryTheMinimumSizeWarning() {
		String id = this.fixture.createSegment("tiny", "traits.custom.tiny = true");

		JsonNode answer = this.fixture.graphql("query($id: ID!) { segment(id: $id) { warnings } }", Map.of("id", id));

		assertThat(answer.at("/data/segment/warnings/0").asString()).startsWith("BELOW_MINIMUM_SIZE");
	}

	@Test
	void membershipChangesAreStreamedOverGraphqlWs() {
		String id = this.fixture.createSegment("pinged", "count(event \"Ping\") >= 1");
		WebSocketGraphQlTester tester = WebSocketGraphQlTester
			.builder("ws://localhost:" + this.port + "/graphql", new ReactorNettyWebSocketClient())
			.build();
		List<Change> received = new CopyOnWriteArrayList<>();
		Disposable subscription = tester.document(
				"subscription($id: ID!) { segmentMembershipChanged(segmentId: $id) { key profileId change at reason profile { id } } }")
			.variable("id", id)
			.executeSubscription()
			.toFlux("segmentMembershipChanged", Change.class)
			.subscribe(received::add);
		try {
			// pub/sub keeps nothing: ping until the subscription is in place
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
				if (received.isEmpty()) {
					this.fixture.stream.event(UUID.randomUUID(), "Ping", now(), Map.of());
				}
				return !received.isEmpty();
			});
		}
		finally {
			subscription.dispose();
		}
		assertThat(received.get(0).key()).isEqualTo("pinged");
		assertThat(received.get(0).change()).isEqualTo("ENTERED");
		assertThat(received.get(0).reason()).isEqualTo("event:Ping");
		assertThat(received.get(0).at()).isNotNull();
		// the entity reference the gateway resolves profile-service's fields from
		assertThat(received.get(0).profile().id()).isEqualTo(received.get(0).profileId());
	}

	@Test
	void segmentSizesAreStreamedOverGraphqlWs() {
		String id = this.fixture.createSegment("sized", "count(event \"Sized\") >= 1");
		WebSocketGraphQlTester tester = WebSocketGraphQlTester
			.builder("ws://localhost:" + this.port + "/graphql", new ReactorNettyWebSocketClient())
			.build();
		List<Size> received = new CopyOnWriteArrayList<>();
		Disposable subscription = tester
			.document("subscription($id: ID!) { segmentSizeChanged(segmentId: $id) { key size at } }")
			.variable("id", id)
			.executeSubscription()
			.toFlux("segmentSizeChanged", Size.class)
			.subscribe(received::add);
		try {
			// pub/sub keeps nothing: send until the subscription is in place
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
				if (received.isEmpty()) {
					this.fixture.stream.event(UUID.randomUUID(), "Sized", now(), Map.of());
				}
				return !received.isEmpty();
			});
		}
		finally {
			subscription.dispose();
		}
		assertThat(received.get(0).key()).isEqualTo("sized");
		assertThat(received.get(0).size()).isPositive();
		assertThat(received.get(0).at()).isNotNull();
	}

	record Size(String key, int size, Instant at) {
	}

	record Change(String key, String profileId, String change, Instant at, String reason, ProfileRef profile) {
	}

	record ProfileRef(String id) {
	}

	private Instant now() {
		return this.clock.instant();
	}

}
