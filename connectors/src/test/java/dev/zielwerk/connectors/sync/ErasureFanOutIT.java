package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.fake.GoogleAdsFake;
import dev.zielwerk.connectors.destination.fake.HubSpotFake;
import dev.zielwerk.connectors.destination.fake.MailchimpFake;
import dev.zielwerk.connectors.destination.fake.MetaFake;
import dev.zielwerk.connectors.destination.fake.WebhookFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An erasure on the profile stream reaches every kind of destination the person was sent
 * to, and leaves no personal data in connectors' tables, even when the instance that
 * first read the message died before handling it.
 */
@SpringBootTest
class ErasureFanOutIT {

	private static final String MAILCHIMP_KEY = "0123456789abcdef0123456789abcdef-us19";

	private static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

	private static final AudienceFixture fixture = new AudienceFixture();

	private static final MailchimpFake mailchimp = new MailchimpFake(MAILCHIMP_KEY, "list1", "seg7");

	private static final MetaFake meta = new MetaFake("EAAB-token", "23850000001");

	private static final GoogleAdsFake google = new GoogleAdsFake("ya29.token", "dev-token", "1234567890", "555");

	private static final HubSpotFake hubspot = new HubSpotFake("pat-eu1-token", "77");

	private static final WebhookFake webhook = new WebhookFake(Secret.of(WEBHOOK_SECRET));

	private static final WebhookFake cms = new WebhookFake(Secret.of(WEBHOOK_SECRET));

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		SyncTestProperties.register(registry, ErasureFanOutIT.class, fixture, true);
	}

	@AfterAll
	static void stopFakes() {
		List.of(fixture, mailchimp, meta, google, hubspot, webhook, cms).forEach((fake) -> {
			try {
				fake.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	@Autowired
	DestinationRegistry destinations;

	@Autowired
	AudienceSyncs syncs;

	@Autowired
	ProfileStreamListener listener;

	@Autowired
	SyncProperties properties;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	DatabaseClient database;

	@Value("${zielwerk.redis.namespace}")
	String namespace;

	@Test
	// read(...) takes its one stream offset as a generic varargs array
	@SuppressWarnings("unchecked")
	void anErasureAbandonedByADeadConsumerIsClaimedAndReachesEveryDestinationAndLeavesNoRecords() {
		String segment = "seg-" + UUID.randomUUID().toString().substring(0, 8);
		EnumSet<ConsentPurpose> all = EnumSet.allOf(ConsentPurpose.class);
		fixture.put(segment, new AudienceFixture.Person("e1", "eve@example.com", all));
		// Mailchimp rejects this one: a rejected row with a reason is recorded about them
		fixture.put(segment, new AudienceFixture.Person("e2", "not-an-email@nowhere", all));
		fixture.put(segment, new AudienceFixture.Person("e3", "fay@example.com", all));
		List<UUID> destinationIds = List.of(
				create(DestinationType.MAILCHIMP,
						Map.of("listId", "list1", "segmentId", "seg7", "baseUrl", mailchimp.apiUrl()),
						Map.of("apiKey", MAILCHIMP_KEY)),
				create(DestinationType.META_CUSTOM_AUDIENCE,
						Map.of("audienceId", "23850000001", "apiVersion", "v21.0", "baseUrl", meta.url()),
						Map.of("accessToken", "EAAB-token")),
				create(DestinationType.GOOGLE_CUSTOMER_MATCH,
						Map.of("customerId", "1234567890", "userListId", "555", "baseUrl", google.url(), "pollInterval",
								"PT0.05S"),
						Map.of("accessToken", "ya29.token", "developerToken", "dev-token")),
				create(DestinationType.HUBSPOT_LIST, Map.of("listId", "77", "baseUrl", hubspot.url()),
						Map.of("accessToken", "pat-eu1-token")),
				create(DestinationType.WEBHOOK, Map.of("url", webhook.url() + "/hook", "audienceKey", "vip"),
						Map.of("secret", WEBHOOK_SECRET)),
				create(DestinationType.CMS, Map.of("catalogueUrl", cms.url() + "/catalogue"),
						Map.of("secret", WEBHOOK_SECRET, "decideKey", "dk_0123456789abcdefghijklmnop")));
		for (UUID destination : destinationIds) {
			UUID run = this.syncs
				.trigger(this.syncs.create(segment, "vip", destination, SyncMode.MIRROR, "0 0 3 * * *").block())
				.block();
			await().atMost(Duration.ofSeconds(20)).until(() -> finished(run));
		}
		String eve = Identifiers.sha256Hex("eve@example.com");
		assertThat(mailchimp.segment()).contains("eve@example.com");
		assertThat(meta.emailHashes()).contains(eve);
		assertThat(google.list()).contains("hashedEmail:" + eve);
		assertThat(hubspot.contacts()).containsKey("eve@example.com");
		assertThat(webhook.audience("vip")).contains("e1");
		assertThat(count("SELECT count(*) AS n FROM synced_members WHERE member_key = 'e1'")).isEqualTo(6);
		assertThat(count("SELECT count(*) AS n FROM run_records WHERE member_key = 'e2' AND outcome = 'REJECTED'"))
			.isPositive();

		// an instance reads the erasure and dies before handling it
		this.listener.stop();
		// a blocking read (1 s) already sent before the stop would still take the message
		await().pollDelay(Duration.ofMillis(1200)).until(() -> true);
		String stream = this.namespace + ":{profile}:stream";
		this.redis.opsForStream()
			.add(StreamRecords
				.string(Map.of("type", "erase", "profileId", "e1", "message",
						"{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"erase\",\"profileId\":\"e1\",\"occurredAt\":"
								+ "\"2026-01-01T00:00:00Z\",\"payload\":{\"mergedIds\":[\"e2\"]}}"))
				.withStreamKey(stream))
			.block();
		this.redis
			.execute(RedisScript.of("redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM') return 1",
					Long.class), List.of(stream), List.of(ProfileStreamListener.GROUP))
			.blockLast();
		assertThat(this.redis.opsForStream()
			.read(Consumer.from(ProfileStreamListener.GROUP, "dead-instance"), StreamReadOptions.empty().count(10),
					StreamOffset.create(stream, ReadOffset.lastConsumed()))
			.collectList()
			.block()).hasSize(1);
		assertThat(pending(stream, "dead-instance")).isEqualTo(1);

		this.listener.start(this.properties.pollInterval());

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(mailchimp.members()).doesNotContainKey("eve@example.com");
			assertThat(meta.emailHashes()).doesNotContain(eve);
			assertThat(google.list()).doesNotContain("hashedEmail:" + eve);
			assertThat(hubspot.contacts()).doesNotContainKey("eve@example.com");
			assertThat(webhook.audience("vip")).doesNotContain("e1");
			assertThat(count("SELECT count(*) AS n FROM run_records WHERE member_key IN ('e1', 'e2')")).isZero();
			// ended runs keep no checkpoint naming a member
			assertThat(count("SELECT count(*) AS n FROM sync_runs WHERE finished_at IS NOT NULL"
					+ " AND (checkpoint::text LIKE '%\"e1\"%' OR checkpoint::text LIKE '%\"e2\"%')"))
				.isZero();
		});
		assertThat(webhook.messages()).anySatisfy((message) -> {
			assertThat(message.path("type").asString()).isEqualTo("profile.erased");
			assertThat(message.toString()).contains("e1");
		});
		assertThat(count("SELECT count(*) AS n FROM synced_members WHERE member_key IN ('e1', 'e2')")).isZero();
		assertThat(count("SELECT count(*) AS n FROM run_scope WHERE member_key IN ('e1', 'e2')")).isZero();
		// nobody else was touched
		assertThat(mailchimp.segment()).contains("fay@example.com");
		assertThat(count("SELECT count(*) AS n FROM synced_members WHERE member_key = 'e3'")).isEqualTo(6);
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			assertThat(pending(stream, "dead-instance")).isZero();
			assertThat(this.redis.opsForStream()
				.pending(stream, ProfileStreamListener.GROUP)
				.block()
				.getTotalPendingMessages()).isZero();
		});
	}

	private long pending(String stream, String consumer) {
		return this.redis.opsForStream()
			.pending(stream, Consumer.from(ProfileStreamListener.GROUP, consumer), Range.unbounded(), 100)
			.block()
			.size();
	}

	private boolean finished(UUID run) {
		String status = this.database.sql("SELECT status FROM sync_runs WHERE id = :id")
			.bind("id", run)
			.map((row) -> row.get("status", String.class))
			.one()
			.block();
		return "SUCCEEDED".equals(status) || "PARTIAL".equals(status);
	}

	private long count(String sql) {
		return this.database.sql(sql).map((row) -> row.get("n", Long.class)).one().block();
	}

	private UUID create(DestinationType type, Map<String, String> settings, Map<String, String> credentials) {
		Map<String, Secret> secrets = new java.util.HashMap<>();
		credentials.forEach((name, value) -> secrets.put(name, Secret.of(value)));
		return this.destinations.create(type, type.name(), type.defaultPurpose(), settings, secrets).block();
	}

}
