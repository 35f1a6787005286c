package dev.zielwerk.segment.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

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
import static org.awaitility.Awaitility.await;

/**
 * Real-time throughput of one instance: 50 active segments, a burst of events for many
 * profiles appended to the stream at once, timed until every message is applied. Not part
 * of the build (the name matches neither *Tests nor *IT); run it with
 * {@code -Dit.test=RealTimeBenchmark} as BENCHMARKS.md shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "zielwerk.segment.scheduler.enabled=false")
@AutoConfigureWebTestClient
@Import(EngineTestConfig.class)
class RealTimeBenchmark {

	private static final int SEGMENTS = 50;

	private static final int PROFILES = 500;

	private static final int EVENTS = Integer.getInteger("benchmark.events", 5000);

	private static final List<String> NAMES = List.of("Order Completed", "Page Viewed", "Email Opened",
			"Email Delivered", "Product Viewed");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, RealTimeBenchmark.class);
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
	void appliesABurstOfEventsAcrossFiftySegments() {
		EngineFixture fixture = new EngineFixture(this.client, this.database, this.redis, this.keys);
		for (int i = 0; i < SEGMENTS; i++) {
			String name = NAMES.get(i % NAMES.size());
			String rule = switch (i % 5) {
				case 0 -> "count(event \"" + name + "\" within " + (i + 1) + "d) >= 2";
				case 1 -> "last(event \"" + name + "\") within " + (i + 1) + "h";
				case 2 -> "sum(properties.revenue, event \"" + name + "\" within 30d) > " + (i * 10);
				case 3 -> "count(event any within 7d) >= " + (i % 7 + 1) + " and consent(EMAIL_MARKETING)";
				default -> "count(event \"" + name + "\" within 30d) / count(event any within 30d) > 0.2";
			};
			fixture.createSegment("bench-" + i, rule);
		}
		Random random = new Random(42);
		List<UUID> profiles = new ArrayList<>();
		for (int i = 0; i < PROFILES; i++) {
			profiles.add(UUID.randomUUID());
		}
		// warm-up: every profile exists before timing
		UUID last = null;
		for (UUID profile : profiles) {
			last = fixture.stream.consent(profile, this.clock.instant(), "EMAIL_MARKETING", "GRANTED", null);
		}
		fixture.awaitProcessed(last);

		long started = System.nanoTime();
		for (int i = 0; i < EVENTS; i++) {
			last = fixture.stream.event(profiles.get(random.nextInt(PROFILES)), NAMES.get(random.nextInt(NAMES.size())),
					this.clock.instant().minusSeconds(random.nextInt(86_400)), Map.of("revenue", random.nextInt(200)));
		}
		long appended = System.nanoTime();
		UUID lastEvent = last;
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> fixture.count("SELECT count(*) FROM processed_messages WHERE message_id = $1",
					lastEvent) == 1);
		long done = System.nanoTime();

		Runtime runtime = Runtime.getRuntime();
		double seconds = (done - started) / 1e9;
		System.out.printf(
				"BENCHMARK events=%d segments=%d profiles=%d append=%.2fs total=%.2fs throughput=%.0f events/s"
						+ " heapUsed=%dMB%n",
				EVENTS, SEGMENTS, PROFILES, (appended - started) / 1e9, seconds, EVENTS / seconds,
				(runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
		assertThat(fixture.count("SELECT count(*) FROM profile_events")).isEqualTo(EVENTS);
	}

}
