package dev.zielwerk.segment.engine;

import java.time.Duration;
import java.time.Instant;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Window edges at the microsecond, with a clock that has nanoseconds (Java) against
 * PostgreSQL's microseconds: an event exactly at {@code now - 30d} is out of a 30-day
 * window and counts as "before 30d ago"; one a microsecond later is in, until the clock
 * reaches its instant plus 30 days exactly, not a nanosecond earlier; an event time sent
 * with nanoseconds counts as its microsecond (what PostgreSQL stores). At every step the
 * engine's membership (real time, then the scheduler) equals the batch query's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "zielwerk.segment.scheduler.enabled=false")
@AutoConfigureWebTestClient
@Import(MicrosecondEdgesIT.NanoClock.class)
class MicrosecondEdgesIT {

	/** 2026-06-01T12:00:00Z and half a microsecond. */
	static final Instant START = Instant.parse("2026-06-01T12:00:00.000000500Z");

	private static final Map<String, String> RULES = Map.of("recent", "count(event \"Ping\" within 30d) >= 1", "lapsed",
			"last(event \"Ping\") before 30d ago");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, MicrosecondEdgesIT.class);
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
	void windowEdgesFollowTheMicrosecond() {
		EngineFixture fixture = new EngineFixture(this.client, this.database, this.redis, this.keys);
		RULES.forEach(fixture::createSegment);
		Instant edge = Instant.parse("2026-05-02T12:00:00Z");
		UUID atEdge = UUID.randomUUID();
		UUID justInside = UUID.randomUUID();
		UUID withNanos = UUID.randomUUID();
		fixture.stream.event(atEdge, "Ping", edge, Map.of());
		fixture.stream.event(justInside, "Ping", edge.plusNanos(1000), Map.of());
		fixture.awaitProcessed(fixture.stream.event(withNanos, "Ping", edge.plusNanos(1999), Map.of()));

		assertAgreement(fixture, Set.of(justInside, withNanos), Set.of(atEdge));

		// half a nanosecond short of the edge (as far as the clock goes): nothing due yet
		this.clock.advance(Duration.ofNanos(499));
		assertThat(this.scheduler.runDue().block()).isZero();
		assertAgreement(fixture, Set.of(justInside, withNanos), Set.of(atEdge));

		// exactly 30 days after the two inside events: both leave, and become lapsed
		this.clock.advance(Duration.ofNanos(1));
		assertThat(this.clock.instant()).isEqualTo(Instant.parse("2026-06-01T12:00:00.000001Z"));
		assertThat(this.scheduler.runDue().block()).isEqualTo(2);
		assertAgreement(fixture, Set.of(), Set.of(atEdge, justInside, withNanos));
	}

	private void assertAgreement(EngineFixture fixture, Set<UUID> recent, Set<UUID> lapsed) {
		Instant now = this.clock.instant();
		assertThat(fixture.members("recent")).as("recent at %s", now).isEqualTo(new TreeSet<>(recent));
		assertThat(fixture.members("lapsed")).as("lapsed at %s", now).isEqualTo(new TreeSet<>(lapsed));
		for (Map.Entry<String, String> rule : RULES.entrySet()) {
			assertThat(fixture.members(rule.getKey())).as("%s against the batch at %s", rule.getKey(), now)
				.isEqualTo(batch(rule.getValue(), now));
			assertThat(fixture.redisMembers(rule.getKey())).as("Redis copy of %s", rule.getKey())
				.isEqualTo(fixture.members(rule.getKey()));
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

	/** A clock that starts between two microseconds. */
	@TestConfiguration(proxyBeanMethods = false)
	static class NanoClock {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(START);
		}

	}

}
