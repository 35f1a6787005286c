package dev.zielwerk.segment.engine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.localinfra.RedisServer;
import dev.zielwerk.segment.store.RedisKeys;
import dev.zielwerk.testsupport.TestInfrastructure;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis is the hot copy, PostgreSQL the truth. The application reaches Redis through a
 * {@link TcpProxy} the test cuts (the machine's Redis is shared and stays up); the test
 * itself talks to Redis directly. Flushed (every key of the namespace gone, the stream
 * and its consumer group too): reads answer from PostgreSQL, the copy is rebuilt and the
 * consumer carries on. Down: {@code Profile.segments} and {@code inSegment} answer from
 * PostgreSQL within the read timeout instead of hanging. Back: reads come from Redis
 * again and the stream is consumed again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.segment.scheduler.enabled=false", "zielwerk.segment.cache.check-interval=200ms",
				"zielwerk.segment.redis.read-timeout=200ms", "zielwerk.segment.engine.block=100ms" })
@AutoConfigureWebTestClient(timeout = "20s")
@Import(EngineTestConfig.class)
class RedisOutageIT {

	private static final RedisServer REDIS = TestInfrastructure.get().redis();

	private static final TcpProxy PROXY = proxy();

	private static final String SEGMENT_QUERY = """
			query($r: [_Any!]!) { _entities(representations: $r) {
			  ... on Profile { segments { key } inSegment(key: "outage") redisOnly: inSegment(key: "redis-only") } } }
			""";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, RedisOutageIT.class);
		registry.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + PROXY.port());
	}

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Autowired
	RedisKeys keys;

	@AfterAll
	static void closeProxy() throws IOException {
		PROXY.close();
	}

	@Test
	void readsFallBackToPostgresqlWhileRedisIsFlushedOrDownAndRecover() throws IOException {
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(REDIS.host(), REDIS.port()));
		connections.afterPropertiesSet();
		connections.start();
		try {
			ReactiveStringRedisTemplate direct = new ReactiveStringRedisTemplate(connections);
			EngineFixture fixture = new EngineFixture(this.client, this.database, direct, this.keys);
			Instant now = Instant.parse("2026-06-01T12:00:00Z");
			fixture.createSegment("outage", "traits.custom.vip = true");
			UUID person = UUID.randomUUID();
			fixture.awaitProcessed(fixture.stream.traits(person, now, "custom", "vip", true));
			assertThat(fixture.redisSegments(person)).containsExactly("outage");

			// flushed: everything of this namespace is gone, the stream and group too
			flush(direct);
			assertThat(inSegment(fixture, person)).isTrue();
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(fixture.redisSegments(person)).containsExactly("outage"));
			assertThat(fixture.redisMembers("outage")).containsExactly(person);
			UUID second = UUID.randomUUID();
			fixture.awaitProcessed(fixture.stream.traits(second, now, "custom", "vip", true));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(
						() -> assertThat(fixture.redisMembers("outage")).containsExactlyInAnyOrder(person, second));

			// down: answers from PostgreSQL, within the read timeout plus the query
			PROXY.cut();
			for (int i = 0; i < 3; i++) {
				long started = System.nanoTime();
				JsonNode answer = entity(fixture, person);
				long millis = (System.nanoTime() - started) / 1_000_000;
				assertThat(answer.at("/inSegment").asBoolean()).as(answer.toString()).isTrue();
				assertThat(answer.at("/segments").findValuesAsString("key")).containsExactly("outage");
				// generous for a loaded machine; a hanging read would take Lettuce's
				// command timeout (60s)
				assertThat(millis).as("answer time while Redis is down").isLessThan(3_000);
			}

			// back: a key only Redis has shows that reads come from Redis again
			direct.opsForSet().add(this.keys.profileSegments(person), "redis-only").block();
			PROXY.restore();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(entity(fixture, person).at("/redisOnly").asBoolean()).isTrue());
			UUID third = UUID.randomUUID();
			fixture.awaitProcessed(fixture.stream.traits(third, now, "custom", "vip", true));
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(fixture.redisSegments(third)).containsExactly("outage"));
		}
		finally {
			connections.destroy();
		}
	}

	private boolean inSegment(EngineFixture fixture, UUID profile) {
		return entity(fixture, profile).at("/inSegment").asBoolean();
	}

	private JsonNode entity(EngineFixture fixture, UUID profile) {
		JsonNode answer = fixture.graphql(SEGMENT_QUERY,
				Map.of("r", List.of(Map.of("__typename", "Profile", "id", profile.toString()))));
		assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
		return answer.at("/data/_entities/0");
	}

	private void flush(ReactiveStringRedisTemplate direct) {
		String namespace = this.keys.profileStream().substring(0, this.keys.profileStream().indexOf(":{"));
		List<String> all = direct.scan(ScanOptions.scanOptions().match(namespace + ":*").count(1000).build())
			.collectList()
			.block();
		assertThat(all).isNotEmpty();
		direct.delete(all.toArray(String[]::new)).block();
	}

	private static TcpProxy proxy() {
		try {
			return new TcpProxy(REDIS.host(), REDIS.port());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
