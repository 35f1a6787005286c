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
import dev.zielwerk.segment.evaluation.RandomSegmentRules;
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
 * The property behind the key promise: random rules of every condition kind (the
 * generator of the evaluator's own property tests), random histories sent as stream
 * messages with values of mixed types, and random clock moves from minutes to weeks; at
 * every checkpoint the real-time membership equals a fresh batch at the clock's now.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "zielwerk.segment.scheduler.enabled=false")
@AutoConfigureWebTestClient
@Import(EngineTestConfig.class)
class RandomRuleAgreementIT {

	private static final int RULES = 16;

	private static final List<Object> ANY = values("null", "DE", 31, new BigDecimal("1.50"), true, List.of(), Map.of(),
			"2026-01-15", List.of("a", 3));

	private static final List<Object> NUMBERS = values(0, 1, 25, 31, new BigDecimal("31.0"), 40, -1,
			new BigDecimal("0.4"), 250, 1000, "31");

	private static final List<Object> DATES = values("2026-01-15", "2025-12-31T23:59:59.999999Z", "2026-02-30",
			"2026-03-01T10:00:00+02:00", "2026", "2024-02-29", "2026-06-20");

	private static final List<Object> STRINGS = values("DE", "AT", "de", "", "D", "shoes", "books", "a");

	private static final List<Object> LISTS = values(List.of("a", "b"), List.of(3, "a"), List.of(), "ab",
			List.of("2026-01-15", new BigDecimal("1.5")));

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, RandomRuleAgreementIT.class);
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
	void realTimeMembershipOfRandomRulesEqualsAFreshBatchAtRandomInstants() {
		EngineFixture fixture = new EngineFixture(this.client, this.database, this.redis, this.keys);
		long seed = Seeds.seed(20261122L);
		Random random = new Random(seed);
		List<UUID> pool = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			pool.add(UUID.randomUUID());
		}
		UUID last = null;
		for (int i = 0; i < 80; i++) {
			last = randomMessage(fixture.stream, random, pool);
		}
		fixture.awaitProcessed(last);
		Map<String, String> rules = new LinkedHashMap<>();
		rules.put("vip", "traits.custom.vip = true");
		rules.put("churned", "last(event any) before 30d ago");
		for (int i = 1; i <= RULES; i++) {
			rules.put("r" + i, RandomSegmentRules.rule(random));
		}
		rules.forEach(fixture::createSegment);
		assertAgreement(fixture, rules, "seed " + seed + ", after the batch");
		for (int round = 1; round <= 6; round++) {
			for (int i = 0; i < 40; i++) {
				last = randomMessage(fixture.stream, random, pool);
			}
			fixture.awaitProcessed(last);
			assertAgreement(fixture, rules, "seed " + seed + ", round " + round + " after messages");
			Duration step = switch (random.nextInt(3)) {
				case 0 -> Duration.ofMinutes(1 + random.nextInt(120));
				case 1 -> Duration.ofHours(1 + random.nextInt(72));
				default -> Duration.ofDays(1 + random.nextInt(40));
			};
			this.clock.advance(step);
			while (this.scheduler.runDue().block() > 0) {
				// until nothing is due at the clock's now
			}
			assertAgreement(fixture, rules, "seed " + seed + ", round " + round + " after the clock moved " + step);
		}
	}

	private UUID randomMessage(StreamMessages stream, Random random, List<UUID> pool) {
		Instant now = this.clock.instant();
		UUID profile = pool.get(random.nextInt(pool.size()));
		int kind = random.nextInt(20);
		if (kind < 10) {
			String name = switch (random.nextInt(8)) {
				case 0 -> null;
				case 1 -> "Other";
				default -> pick(random, RandomSegmentRules.EVENT_NAMES);
			};
			Instant at = now.minus(Duration.ofSeconds(random.nextLong(200L * 86_400)))
				.plusNanos(random.nextBoolean() ? random.nextInt(1_000_000) * 1000L : 0);
			return stream.event(profile, name, at, properties(random));
		}
		if (kind < 15) {
			return switch (random.nextInt(10)) {
				case 0 -> stream.traits(profile, now, "geo", "country", pick(random, STRINGS));
				case 1 -> stream.traits(profile, now, "demographic", "age", pick(random, NUMBERS));
				case 2 -> stream.traits(profile, now, "custom", "signup", pick(random, DATES));
				case 3 -> stream.traits(profile, now, "custom", "tags", pick(random, LISTS));
				case 4 -> stream.traits(profile, now, "custom", "vip", random.nextBoolean());
				case 5 -> stream.traits(profile, now, "custom", "score", pick(random, NUMBERS));
				case 6 -> stream.traits(profile, now, "custom", "nested", Map.of("level", pick(random, NUMBERS)));
				case 7 -> stream.traits(profile, now, "firmographic", "employees", pick(random, NUMBERS));
				case 8 -> stream.traits(profile, now, "geo", "city", pick(random, ANY));
				default -> stream.traits(profile, now, "geo", "country", null);
			};
		}
		if (kind < 18) {
			String purpose = pick(random,
					List.of("ANALYTICS", "PERSONALIZATION", "EMAIL_MARKETING", "ADVERTISING", "PARTNER_SHARING"));
			String status = pick(random, List.of("GRANTED", "GRANTED", "WITHDRAWN", "DENIED"));
			Instant expires = random.nextBoolean() ? now.plus(Duration.ofMinutes(1 + random.nextInt(60 * 24 * 30)))
					: null;
			return stream.consent(profile, now, purpose, status, expires);
		}
		if (kind < 19) {
			UUID merged = pool.get(random.nextInt(pool.size()));
			if (merged.equals(profile)) {
				return stream.event(profile, "Other", now, Map.of());
			}
			pool.remove(merged);
			pool.add(UUID.randomUUID());
			return stream.merge(profile, merged, now);
		}
		pool.remove(profile);
		pool.add(UUID.randomUUID());
		return stream.erase(profile, now, List.of());
	}

	private static Map<String, Object> properties(Random random) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (random.nextInt(3) > 0) {
			properties.put("revenue", pick(random, (random.nextInt(4) == 0) ? ANY : NUMBERS));
		}
		if (random.nextBoolean()) {
			properties.put("category", pick(random, values("shoes", "books", "a", "null", 3)));
		}
		if (random.nextInt(4) == 0) {
			properties.put("tags", pick(random, LISTS));
		}
		if (random.nextInt(4) == 0) {
			properties.put("at", pick(random, DATES));
		}
		if (random.nextInt(4) == 0) {
			properties.put("flag", random.nextBoolean() ? Boolean.TRUE : "true");
		}
		if (random.nextInt(4) == 0) {
			properties.put("meta", Map.of("level", pick(random, NUMBERS)));
		}
		return properties;
	}

	private void assertAgreement(EngineFixture fixture, Map<String, String> rules, String when) {
		Instant now = this.clock.instant();
		for (Map.Entry<String, String> rule : rules.entrySet()) {
			// vip and churned, the only referenced segments, come first: once they agree,
			// the stored membership the batch joins is the batch answer
			Set<UUID> expected = batch(rule.getValue(), now);
			assertThat(fixture.members(rule.getKey()))
				.as("%s: segment %s = %s at %s", when, rule.getKey(), rule.getValue(), now)
				.isEqualTo(expected);
			assertThat(fixture.redisMembers(rule.getKey())).as("%s: Redis copy of %s", when, rule.getKey())
				.isEqualTo(expected);
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

	private static List<Object> values(Object... values) {
		return List.of(values);
	}

	private static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

}
