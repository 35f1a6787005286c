package dev.zielwerk.segment.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.segment.SegmentServiceApplication;
import dev.zielwerk.segment.store.RedisKeys;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two engine instances on one database and one stream: the consumer group splits the
 * messages between them, and every message still counts exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "zielwerk.segment.engine.consumer=first")
@AutoConfigureWebTestClient
@Import(EngineTestConfig.class)
class TwoInstancesIT {

	private static final List<String> SHARED = List.of("spring.r2dbc.url", "spring.r2dbc.username",
			"spring.r2dbc.password", "spring.flyway.url", "spring.flyway.user", "spring.flyway.password",
			"spring.data.redis.url", "zielwerk.redis.namespace");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, TwoInstancesIT.class);
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
	Environment environment;

	@Test
	void twoInstancesShareTheStreamWithoutDoubleCounting() {
		EngineFixture fixture = new EngineFixture(this.client, this.database, this.redis, this.keys);
		fixture.createSegment("ticked", "count(event \"Tick\") >= 3");
		// command-line arguments: they win over application.yaml, so the second instance
		// uses this test's database and Redis namespace
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--zielwerk.segment.engine.consumer=second"));
		SHARED.forEach((name) -> arguments.add("--" + name + "=" + this.environment.getProperty(name, "")));
		assertThat(arguments).anyMatch((argument) -> argument.startsWith("--zielwerk.redis.namespace=zwtest:"));
		try (ConfigurableApplicationContext second = new SpringApplicationBuilder(SegmentServiceApplication.class,
				EngineTestConfig.class)
			.run(arguments.toArray(String[]::new))) {
			List<UUID> profiles = new ArrayList<>();
			List<UUID> sent = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				profiles.add(UUID.randomUUID());
			}
			for (int round = 0; round < 3; round++) {
				for (UUID profile : profiles) {
					sent.add(fixture.stream.event(profile, "Tick", second.getBean(MutableClock.class).instant(),
							Map.of()));
				}
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> fixture.count("SELECT count(*) FROM processed_messages WHERE message_id = ANY($1::uuid[])",
						(Object) sent.toArray(UUID[]::new)) == sent.size());

			assertThat(fixture.count("SELECT count(*) FROM profile_events WHERE name = 'Tick'")).isEqualTo(90);
			assertThat(fixture.members("ticked")).containsExactlyInAnyOrderElementsOf(profiles);
			assertThat(fixture.redisMembers("ticked")).containsExactlyInAnyOrderElementsOf(profiles);
			assertThat(fixture.count("SELECT count(*) FROM membership_history WHERE change = 'ENTERED'")).isEqualTo(30);
			assertThat(fixture.count("SELECT size FROM segments WHERE key = 'ticked'")).isEqualTo(30);
			assertThat(this.redis.opsForStream()
				.consumers(this.keys.profileStream(), "segment-service")
				.map((consumer) -> consumer.consumerName())
				.collectList()
				.block()).contains("first", "second");
		}
	}

}
