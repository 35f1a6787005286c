package dev.zielwerk.segment.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.zielwerk.segment.store.RedisKeys;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Latency from stream append (XADD) to the Redis membership update, at sustained offered
 * rates, with 50 active segments that every event re-evaluates; then
 * {@code Profile.segments} latency at the service. Segment {@code ping-k} is
 * {@code count(event "Ping") >= k}: a profile's k-th Ping makes it enter {@code ping-k},
 * so each event has exactly one pub/sub message ({@code ping-k}, profile, ENTERED) to
 * wait for, published once both Redis sets hold it. Not part of the build (the name
 * matches neither *Tests nor *IT); run it with {@code -Dit.test=LatencyBenchmark} as
 * BENCHMARKS.md shows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "zielwerk.segment.scheduler.enabled=false")
@AutoConfigureWebTestClient
@Import(EngineTestConfig.class)
class LatencyBenchmark {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int THRESHOLDS = 25;

	private static final int SECONDS = Integer.getInteger("benchmark.seconds", 20);

	private static final List<Integer> RATES = Arrays
		.stream(System.getProperty("benchmark.rates", "500,1000,2000").split(","))
		.map(Integer::valueOf)
		.toList();

	private static final int REQUESTS = Integer.getInteger("benchmark.requests", 2000);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, LatencyBenchmark.class);
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

	private final Map<String, Long> sent = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

	private final AtomicLong lastReceived = new AtomicLong();

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	@Test
	void measuresAppendToRedisLatencyAtSustainedRatesAndProfileSegmentsLatency() {
		EngineFixture fixture = new EngineFixture(this.client, this.database, this.redis, this.keys);
		for (int k = 1; k <= THRESHOLDS; k++) {
			fixture.createSegment("ping-" + k, "count(event \"Ping\") >= " + k);
		}
		for (int i = 0; i < 50 - THRESHOLDS; i++) {
			String rule = switch (i % 5) {
				case 0 -> "sum(properties.revenue, event \"Ping\" within 30d) > " + (i * 10);
				case 1 -> "last(event \"Ping\") within " + (i + 1) + "h";
				case 2 -> "count(event any within 7d) >= " + (i % 7 + 1) + " and consent(EMAIL_MARKETING)";
				case 3 -> "count(event \"Ping\" within 30d) / count(event any within 30d) > 0.2";
				default -> "count(event \"Ping\" within " + (i + 1) + "d) >= 2";
			};
			fixture.createSegment("mix-" + i, rule);
		}
		Flux<? extends ReactiveSubscription.Message<String, String>> channel = this.redis
			.listenToChannelLater(this.keys.segmentChanges())
			.block();
		assertThat(channel).isNotNull();
		Disposable listening = channel.subscribe(this::received);
		List<UUID> all = new ArrayList<>();
		try {
			for (int rate : RATES) {
				all.addAll(run(fixture, rate));
			}
			profileSegments(all);
		}
		finally {
			listening.dispose();
		}
	}

	private List<UUID> run(EngineFixture fixture, int rate) {
		int events = rate * SECONDS;
		int profileCount = (events + THRESHOLDS - 1) / THRESHOLDS;
		List<UUID> profiles = new ArrayList<>();
		UUID last = null;
		for (int i = 0; i < profileCount; i++) {
			UUID profile = UUID.randomUUID();
			profiles.add(profile);
			last = fixture.stream.consent(profile, this.clock.instant(), "EMAIL_MARKETING", "GRANTED", null);
		}
		await().atMost(Duration.ofMinutes(5))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> fixture.count("SELECT count(*) FROM processed_messages WHERE message_id = $1",
					fixture.stream.consent(profiles.get(0), this.clock.instant(), "ANALYTICS", "GRANTED", null)) == 1);
		assertThat(last).isNotNull();
		this.sent.clear();
		this.latencies.clear();
		long maxHeap = 0;
		long period = 1_000_000_000L / rate;
		long started = System.nanoTime();
		for (int i = 0; i < events; i++) {
			long due = started + i * period;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			UUID profile = profiles.get(i % profileCount);
			int k = i / profileCount + 1;
			this.sent.put("ping-" + k + "/" + profile, System.nanoTime());
			fixture.stream.eventLater(profile, "Ping", this.clock.instant(), Map.of("revenue", i % 200)).subscribe();
			if (i % 1000 == 0) {
				maxHeap = Math.max(maxHeap, this.memory.getHeapMemoryUsage().getUsed());
			}
		}
		long appended = System.nanoTime();
		await().atMost(Duration.ofMinutes(10))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.latencies.size() >= events);
		long[] sorted = this.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		double seconds = (this.lastReceived.get() - started) / 1e9;
		System.out.printf("BENCHMARK latency offered=%d events/s events=%d segments=50 profiles=%d offeredFor=%.1fs"
				+ " achieved=%.0f events/s p50=%.1fms p99=%.1fms max=%.1fms heapUsedMax=%dMB heapCommitted=%dMB%n",
				rate, events, profileCount, (appended - started) / 1e9, events / seconds, percentile(sorted, 50),
				percentile(sorted, 99), sorted[sorted.length - 1] / 1e6, maxHeap / (1024 * 1024),
				this.memory.getHeapMemoryUsage().getCommitted() / (1024 * 1024));
		assertThat(sorted).hasSize(events);
		return profiles;
	}

	private void received(ReactiveSubscription.Message<String, String> message) {
		long now = System.nanoTime();
		JsonNode body = JSON.readTree(message.getMessage());
		if (!"ENTERED".equals(body.path("change").asString())) {
			return;
		}
		Long sentAt = this.sent.remove(body.path("key").asString() + "/" + body.path("profileId").asString());
		if (sentAt != null) {
			this.latencies.add(now - sentAt);
			this.lastReceived.accumulateAndGet(now, Math::max);
		}
	}

	private void profileSegments(List<UUID> profiles) {
		String query = "query($r: [_Any!]!) { _entities(representations: $r) { ... on Profile { segments { key } } } }";
		long[] took = new long[REQUESTS];
		int members = 0;
		for (int i = -200; i < REQUESTS; i++) {
			UUID profile = profiles.get(Math.floorMod(i * 7919, profiles.size()));
			Map<String, Object> body = Map.of("query", query, "variables",
					Map.of("r", List.of(Map.of("__typename", "Profile", "id", profile.toString()))));
			long start = System.nanoTime();
			String answer = this.client.post()
				.uri("/graphql")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			long end = System.nanoTime();
			assertThat(answer).contains("segments");
			if (i >= 0) {
				took[i] = end - start;
				members += JSON.readTree(answer).at("/data/_entities/0/segments").size();
			}
		}
		Arrays.sort(took);
		System.out.printf(
				"BENCHMARK Profile.segments requests=%d (sequential, one profile each, HTTP from the same JVM)"
						+ " p50=%.2fms p99=%.2fms max=%.2fms avgSegmentsPerProfile=%.1f%n",
				REQUESTS, percentile(took, 50), percentile(took, 99), took[took.length - 1] / 1e6,
				(double) members / REQUESTS);
		assertThat(members).isPositive();
	}

	private static double percentile(long[] sorted, int percent) {
		int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, index)] / 1e6;
	}

}
