package dev.zielwerk.segment.engine;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.zielwerk.segment.segments.SegmentService;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batch evaluation: {@code benchmark.profiles} profiles (default 1,000,000) with six
 * events each over 90 days (6,000,000 rows), traits and consents, written straight into
 * the state tables; then 20 segments created at once and timed until all are ACTIVE with
 * their computation finished (one run, one query per profile-id range for all 20 rules).
 * Not part of the build; run it with {@code -Dit.test=BatchBenchmark} as BENCHMARKS.md
 * shows. Heap is sampled every 200 ms during the run. The batch gathers segments for 3 s
 * (instead of 100 ms) before it starts, so that all 20 go into one run.
 */
@SpringBootTest(properties = { "zielwerk.segment.scheduler.enabled=false", "zielwerk.segment.engine.enabled=false",
		"spring.r2dbc.pool.max-size=8", "zielwerk.segment.batch.gather=3s" })
@Import(EngineTestConfig.class)
class BatchBenchmark {

	private static final int PROFILES = Integer.getInteger("benchmark.profiles", 1_000_000);

	private static final Map<String, String> RULES = new LinkedHashMap<>();

	static {
		RULES.put("buyers-1", "count(event \"Order Completed\" within 30d) >= 1");
		RULES.put("buyers-2", "count(event \"Order Completed\" within 60d) >= 2");
		RULES.put("big-spenders", "sum(properties.revenue, event \"Order Completed\" within 90d) >= 150");
		RULES.put("avg-basket", "avg(properties.revenue, event \"Order Completed\") > 100");
		RULES.put("recent-visitors", "last(event \"Page Viewed\") within 7d");
		RULES.put("inactive", "last(event any) before 14d ago");
		RULES.put("dach", "traits.geo.country in [\"DE\", \"AT\", \"CH\"]");
		RULES.put("age-25-40", "traits.demographic.age between 25 and 40");
		RULES.put("mailable-buyers", "consent(EMAIL_MARKETING) and count(event \"Order Completed\" within 90d) >= 1");
		RULES.put("openers",
				"count(event \"Email Opened\" within 30d) / count(event \"Email Delivered\" within 30d) > 0.4");
		RULES.put("new-buyers", "first(event \"Order Completed\") within 60d");
		RULES.put("shoe-viewers",
				"count(event \"Product Viewed\" where properties.category = \"shoes\" within 14d) >= 1");
		RULES.put("dach-buyers",
				"traits.geo.country in [\"DE\", \"AT\"] and count(event \"Order Completed\" within 90d) >= 1");
		RULES.put("young-visitors", "traits.demographic.age < 30 and last(event \"Page Viewed\") within 30d");
		RULES.put("max-order", "max(properties.revenue, event \"Order Completed\" within 90d) >= 180");
		RULES.put("min-order", "min(properties.revenue, event any within 30d) < 20");
		RULES.put("engaged", "count(event any within 14d) >= 2");
		RULES.put("lapsed-buyers",
				"count(event \"Order Completed\") >= 1 and count(event \"Order Completed\" within 30d) = 0");
		RULES.put("consented", "consent(ANALYTICS) or consent(PERSONALIZATION)");
		RULES.put("quarter", "count(event \"Page Viewed\" between 2026-03-01 and 2026-06-01) >= 2");
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, BatchBenchmark.class);
	}

	@Autowired
	DatabaseClient database;

	@Autowired
	SegmentService segments;

	@Test
	void twentySegmentsOverManyProfiles() {
		long loading = System.nanoTime();
		sql("""
				INSERT INTO profiles (profile_id, traits)
				SELECT gen_random_uuid(), jsonb_build_object(
				    'geo', jsonb_build_object('country', (ARRAY['DE','AT','CH','FR','IT'])[1 + i %% 5]),
				    'demographic', jsonb_build_object('age', 18 + i %% 50))
				FROM generate_series(1, %d) AS i
				""".formatted(PROFILES));
		sql("""
				INSERT INTO profile_events (event_id, profile_id, name, occurred_at, properties)
				SELECT gen_random_uuid(), p.profile_id,
				    (ARRAY['Order Completed','Page Viewed','Email Opened','Email Delivered','Product Viewed'])[1 + floor(random() * 5)::int],
				    date_trunc('milliseconds', '2026-06-01T12:00:00Z'::timestamptz - random() * interval '90 days'),
				    jsonb_build_object('revenue', floor(random() * 200)::int,
				        'category', (ARRAY['shoes','books','toys'])[1 + floor(random() * 3)::int])
				FROM profiles p CROSS JOIN generate_series(1, 6)
				""");
		sql("""
				INSERT INTO profile_consents (profile_id, purpose, status, expires_at, decided_at)
				SELECT profile_id, purpose, CASE WHEN random() < 0.7 THEN 'GRANTED' ELSE 'WITHDRAWN' END,
				    CASE WHEN random() < 0.3 THEN '2026-06-01T12:00:00Z'::timestamptz + random() * interval '30 days' END,
				    '2026-05-01T00:00:00Z'
				FROM profiles CROSS JOIN (VALUES ('EMAIL_MARKETING'), ('ANALYTICS')) AS t(purpose)
				WHERE random() < 0.6
				""");
		sql("ANALYZE");
		System.out.printf("BatchBenchmark: loaded %,d profiles, %,d events in %d s%n", PROFILES,
				count("SELECT count(*) FROM profile_events"), (System.nanoTime() - loading) / 1_000_000_000);

		AtomicLong maxHeap = new AtomicLong();
		ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
		sampler.scheduleAtFixedRate(() -> maxHeap
			.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max), 0, 200,
				TimeUnit.MILLISECONDS);
		long started = System.nanoTime();
		RULES.forEach((key, rule) -> this.segments.create(key, key, null, rule).block());
		await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
			long done = count("SELECT count(*) FROM segment_computations WHERE finished_at IS NOT NULL");
			return done == RULES.size()
					&& count("SELECT count(*) FROM segments WHERE status = 'ACTIVE'") == RULES.size();
		});
		long millis = (System.nanoTime() - started) / 1_000_000;
		sampler.shutdownNow();
		long members = count("SELECT count(*) FROM memberships");
		long due = count("SELECT count(*) FROM evaluation_schedule");
		System.out.printf(
				"BatchBenchmark: %,d profiles x %d segments in %,d ms; %,d memberships, %,d scheduled due times; heap used max %d MB, committed %d MB%n",
				PROFILES, RULES.size(), millis, members, due, maxHeap.get() / (1024 * 1024),
				ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024 * 1024));
		this.database.sql("SELECT key, size FROM segments ORDER BY key")
			.map((row) -> row.get("key", String.class) + "=" + row.get("size", Long.class))
			.all()
			.collectList()
			.doOnNext((sizes) -> System.out.println("BatchBenchmark: sizes " + sizes))
			.block();
		assertThat(members).isPositive();
	}

	private void sql(String sql) {
		this.database.sql(sql).then().block(Duration.ofMinutes(20));
	}

	private long count(String sql) {
		Long value = this.database.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
		return (value != null) ? value : 0;
	}

}
