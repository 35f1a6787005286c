package dev.zielwerk.segment.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.zielwerk.segment.evaluation.CompiledQuery;
import dev.zielwerk.segment.evaluation.SqlCompiler;
import dev.zielwerk.segment.rule.RuleParser;
import dev.zielwerk.segment.store.RedisKeys;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.Test;

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
 * The key promise: after any sequence of messages and clock moves, the membership the
 * engine keeps in real time (stream + schedule) equals a fresh batch recomputation at
 * that instant, in PostgreSQL and in Redis. Random messages of every kind (events in and
 * out of windows, trait changes and removals, consents with expiry, withdrawals, merges,
 * erasures) over segments of every dependency kind, including segment references.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "zielwerk.segment.scheduler.enabled=false")
@AutoConfigureWebTestClient
@Import(EngineTestConfig.class)
class MembershipAgreementIT {

	/** In dependency order: referenced segments first. */
	private static final Map<String, String> RULES = new LinkedHashMap<>();

	static {
		RULES.put("orders", "count(event \"Order Completed\" within 2d) >= 2");
		RULES.put("recent", "last(event any) within 1d");
		RULES.put("inactive", "last(event \"Page Viewed\") before 2d ago");
		RULES.put("revenue", "sum(properties.revenue, event \"Order Completed\" within 3d) > 100"
				+ " and traits.geo.country in [\"DE\", \"AT\"]");
		RULES.put("mail", "consent(EMAIL_MARKETING) and not in segment \"inactive\"");
		RULES.put("opener", "first(event \"Email Opened\") within 2d or traits.demographic.age >= 30");
		RULES.put("ratio", "count(event \"Email Opened\" within 3d) / count(event \"Page Viewed\" within 3d) > 0.5");
		RULES.put("engaged", "in segment \"recent\" and (in segment \"mail\" or in segment \"orders\")");
		RULES.put("max", "max(properties.revenue, event any within 1d) >= 50 or not traits.geo.country exists");
	}

	private static final List<String> EVENTS = List.of("Order Completed", "Page Viewed", "Email Opened", "Login");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, MembershipAgreementIT.class);
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

	@Test
	void realTimeMembershipEqualsAFreshBatchAfterRandomMessagesAndClockMoves() {
		EngineFixture fixture = new EngineFixture(this.client, this.database, this.redis, this.keys);
		long seed = Seeds.seed(20261123L);
		Random random = new Random(seed);
		List<UUID> pool = new ArrayList<>();
		for (int i = 0; i < 14; i++) {
			pool.add(UUID.randomUUID());
		}
		// some history before the segments exist, so the batch has work
		UUID last = null;
		for (int i = 0; i < 40; i++) {
			last = randomMessage(fixture.stream, random, pool);
		}
		fixture.awaitProcessed(last);
		RULES.forEach(fixture::createSegment);
		assertAgreement(fixture, "seed " + seed + ", after the batch");
		for (int round = 1; round <= 8; round++) {
			for (int i = 0; i < 30; i++) {
				last = randomMessage(fixture.stream, random, pool);
			}
			fixture.awaitProcessed(last);
			assertAgreement(fixture, "seed " + seed + ", round " + round + " after messages");
			this.clock.advance(Duration.ofMinutes(30 + random.nextInt(40 * 60)));
			while (this.scheduler.runDue().block() > 0) {
				// until nothing is due at the clock's now
			}
			assertAgreement(fixture, "seed " + seed + ", round " + round + " after the clock moved");
		}
	}

	private UUID randomMessage(StreamMessages stream, Random random, List<UUID> pool) {
		Instant now = this.clock.instant();
		UUID profile = pool.get(random.nextInt(pool.size()));
		int kind = random.nextInt(20);
		if (kind < 10) {
			Map<String, Object> properties = new LinkedHashMap<>();
			if (random.nextInt(4) > 0) {
				properties.put("revenue", (random.nextInt(5) == 0) ? new BigDecimal("50.5") : random.nextInt(90));
			}
			String name = (random.nextInt(8) == 0) ? null : EVENTS.get(random.nextInt(EVENTS.size()));
			return stream.event(profile, name, now.minus(Duration.ofMinutes(random.nextInt(4 * 24 * 60))), properties);
		}
		if (kind < 14) {
			return switch (random.nextInt(3)) {
				case 0 -> stream.traits(profile, now, "geo", "country", pick(random, "DE", "AT", "FR", null));
				case 1 -> stream.traits(profile, now, "demographic", "age",
						random.nextBoolean() ? 20 + random.nextInt(20) : null);
				default -> stream.traits(profile, now, "custom", "plan", "gold");
			};
		}
		if (kind < 17) {
			String status = pick(random, "GRANTED", "GRANTED", "WITHDRAWN", "DENIED");
			Instant expires = (random.nextBoolean() && "GRANTED".equals(status))
					? now.plus(Duration.ofMinutes(10 + random.nextInt(48 * 60))) : null;
			return stream.consent(profile, now, "EMAIL_MARKETING", status, expires);
		}
		if (kind < 19) {
			UUID merged = pool.get(random.nextInt(pool.size()));
			if (merged.equals(profile)) {
				return stream.traits(profile, now, "custom", "plan", "silver");
			}
			pool.remove(merged);
			pool.add(UUID.randomUUID());
			return stream.merge(profile, merged, now);
		}
		pool.remove(profile);
		pool.add(UUID.randomUUID());
		return stream.erase(profile, now, List.of());
	}

	private void assertAgreement(EngineFixture fixture, String when) {
		Instant now = this.clock.instant();
		for (Map.Entry<String, String> rule : RULES.entrySet()) {
			// referenced segments were compared first, so reading their stored
			// membership is reading the batch answer
			Set<UUID> expected = batch(rule.getValue(), now);
			assertThat(fixture.members(rule.getKey())).as("%s: segment %s at %s", when, rule.getKey(), now)
				.isEqualTo(expected);
			assertThat(fixture.redisMembers(rule.getKey())).as("%s: Redis copy of %s", when, rule.getKey())
				.isEqualTo(expected);
			assertThat(fixture.count("SELECT size FROM segments WHERE key = $1", rule.getKey()))
				.as("%s: size of %s", when, rule.getKey())
				.isEqualTo(expected.size());
		}
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

	@SafeVarargs
	private static <T> T pick(Random random, T... values) {
		return values[random.nextInt(values.length)];
	}

}
