package dev.zielwerk.segment.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.zielwerk.segment.evaluation.CompiledQuery;
import dev.zielwerk.segment.evaluation.SqlCompiler;
import dev.zielwerk.segment.rule.RuleParser;
import dev.zielwerk.segment.store.RedisKeys;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch computes several segments in one run, range by range of profile ids (four
 * profiles per range here, so 40 profiles take 16 ranges), and reports its progress in
 * {@code Segment.computation}: members, Redis copy, history and schedule as a fresh
 * evaluation gives them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.segment.scheduler.enabled=false", "zielwerk.segment.batch.chunk-profiles=4" })
@AutoConfigureWebTestClient
@Import(EngineTestConfig.class)
class BatchComputationIT {

	/** In creation order: a rule can refer only to segments that exist. */
	private static final Map<String, String> RULES = new LinkedHashMap<>();

	static {
		RULES.put("big-spender", "sum(properties.revenue, event \"Order Completed\" within 30d) >= 100");
		RULES.put("german", "traits.geo.country = \"DE\"");
		RULES.put("german-spender", "in segment \"german\" and in segment \"big-spender\"");
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, BatchComputationIT.class);
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
	MutableClock clock;

	@Test
	void segmentsAreComputedTogetherRangeByRangeWithProgress() {
		EngineFixture fixture = new EngineFixture(this.client, this.database, this.redis, this.keys);
		Instant now = this.clock.instant();
		List<UUID> profiles = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			UUID profile = UUID.randomUUID();
			profiles.add(profile);
			fixture.stream.traits(profile, now, "geo", "country", (i % 3 == 0) ? "DE" : "FR");
			fixture.stream.event(profile, "Order Completed", now.minusSeconds(86_400L * (i % 40)),
					Map.of("revenue", 50 + 10 * (i % 7)));
		}
		fixture.awaitProcessed(
				fixture.stream.event(profiles.get(0), "Order Completed", now.minusSeconds(60), Map.of("revenue", 60)));

		RULES.forEach((key, rule) -> assertThat(fixture.graphql("""
				mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id } }
				""", Map.of("input", Map.of("key", key, "name", key, "rule", rule))).path("errors").isMissingNode())
			.as(key)
			.isTrue());
		List.of("german", "big-spender", "german-spender").forEach(fixture::awaitActive);

		for (String key : List.of("german", "big-spender", "german-spender")) {
			Set<UUID> expected = batch(RULES.get(key), now);
			assertThat(expected).as(key).isNotEmpty();
			assertThat(fixture.members(key)).as(key).isEqualTo(expected);
			assertThat(fixture.redisMembers(key)).as(key).isEqualTo(expected);
			assertThat(fixture.count("SELECT size FROM segments WHERE key = $1", key)).isEqualTo(expected.size());
			assertThat(fixture.count("""
					SELECT count(*) FROM membership_history h JOIN segments s ON s.id = h.segment_id
					WHERE s.key = $1 AND h.change = 'ENTERED' AND h.reason = 'batch'
					""", key)).isEqualTo(expected.size());
			JsonNode computation = fixture.graphql("""
					query($key: String!) { segmentByKey(key: $key) {
					  status computation { profilesDone profilesTotal startedAt finishedAt } } }
					""", Map.of("key", key)).at("/data/segmentByKey");
			assertThat(computation.at("/status").asString()).isEqualTo("ACTIVE");
			assertThat(computation.at("/computation/profilesTotal").asInt()).isEqualTo(40);
			assertThat(computation.at("/computation/profilesDone").asInt()).isEqualTo(40);
			assertThat(Instant.parse(computation.at("/computation/finishedAt").asString()))
				.isAfterOrEqualTo(Instant.parse(computation.at("/computation/startedAt").asString()));
		}
		// the 30 profiles with an order inside the window (0 to 29 days ago; the one of
		// exactly 30 days ago is out) have the instant it leaves the window scheduled
		assertThat(fixture.count("SELECT count(*) FROM evaluation_schedule WHERE segment_key = 'big-spender'"))
			.isEqualTo(30);
		assertThat(fixture.count("SELECT count(*) FROM evaluation_schedule WHERE segment_key = 'german'")).isZero();
	}

	private Set<UUID> batch(String rule, Instant now) {
		CompiledQuery query = SqlCompiler.compile(RuleParser.parse(rule).ast());
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(query.sql());
		List<Object> parameters = query.parameters(now);
		for (int i = 0; i < parameters.size(); i++) {
			spec = spec.bind(i, parameters.get(i));
		}
		return spec.map((row) -> row.get("profile_id", UUID.class)).all().collect(TreeSet<UUID>::new, Set::add).block();
	}

}
