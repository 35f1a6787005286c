package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.fake.MailchimpFake;
import dev.zielwerk.connectors.destination.fake.MetaFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
class RealTimeSyncIT {

	private static final String KEY = "0123456789abcdef0123456789abcdef-us19";

	private static final AudienceFixture fixture = new AudienceFixture();

	private static final MailchimpFake mailchimp = new MailchimpFake(KEY, "list1", "seg7");

	private static final MetaFake meta = new MetaFake("EAAB-token", "23850000001");

	private static final String ANN_HASH = Identifiers.sha256Hex("ann@example.com");

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		SyncTestProperties.register(registry, RealTimeSyncIT.class, fixture, true);
	}

	@AfterAll
	static void stopFakes() {
		fixture.close();
		mailchimp.close();
		meta.close();
	}

	@Autowired
	DestinationRegistry destinations;

	@Autowired
	AudienceSyncs syncs;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	DatabaseClient database;

	@Value("${zielwerk.redis.namespace}")
	String namespace;

	@Test
	void publishedMembershipChangesReachTheDestinationsInMicroBatchesAndAnErasureReachesEveryDestination() {
		String segment = "seg-" + UUID.randomUUID().toString().substring(0, 8);
		UUID destination = this.destinations
			.create(DestinationType.MAILCHIMP, "newsletter", ConsentPurpose.EMAIL_MARKETING,
					Map.of("listId", "list1", "segmentId", "seg7", "baseUrl", mailchimp.apiUrl()),
					Map.of("apiKey", Secret.of(KEY)))
			.block();
		this.syncs.create(segment, "vip", destination, SyncMode.MIRROR, AudienceSyncs.REAL_TIME).block();
		UUID ads = this.destinations
			.create(DestinationType.META_CUSTOM_AUDIENCE, "retargeting", ConsentPurpose.ADVERTISING,
					Map.of("audienceId", "23850000001", "apiVersion", "v21.0", "baseUrl", meta.url()),
					Map.of("accessToken", Secret.of("EAAB-token")))
			.block();
		this.syncs.create(segment, "vip", ads, SyncMode.ADD_ONLY, AudienceSyncs.REAL_TIME).block();
		fixture.put(segment, new AudienceFixture.Person("p1", "ann@example.com",
				EnumSet.of(ConsentPurpose.EMAIL_MARKETING, ConsentPurpose.ADVERTISING)));
		fixture.put(segment, new AudienceFixture.Person("p2", "bob@example.com", EnumSet.noneOf(ConsentPurpose.class)));

		publish(segment, "p1", "ENTERED");
		publish(segment, "p2", "ENTERED");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(mailchimp.segment()).containsExactly("ann@example.com"));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(meta.emailHashes()).containsExactly(ANN_HASH));

		fixture.remove(segment, "p1");
		publish(segment, "p1", "EXITED");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(mailchimp.segment()).isEmpty());
		assertThat(mailchimp.members()).containsKey("ann@example.com");
		// the add-only audience keeps who left the segment
		assertThat(meta.emailHashes()).containsExactly(ANN_HASH);

		this.redis.opsForStream()
			.add(StreamRecords
				.string(Map.of("type", "erase", "profileId", "p1", "message",
						"{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"erase\",\"profileId\":\"p1\",\"occurredAt\":"
								+ "\"2026-01-01T00:00:00Z\",\"payload\":{}}"))
				.withStreamKey(this.namespace + ":{profile}:stream"))
			.block();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(mailchimp.members()).doesNotContainKey("ann@example.com"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(meta.emailHashes()).isEmpty());
		assertThat(this.database.sql("SELECT count(*) AS n FROM synced_members WHERE member_key = 'p1'")
			.map((row) -> row.get("n", Long.class))
			.one()
			.block()).isZero();
	}

	@Test
	void aConsentWithdrawalOnTheProfileStreamRemovesTheMemberEvenInAddOnlyModeAfterItLeftTheSegment() {
		String segment = "seg-" + UUID.randomUUID().toString().substring(0, 8);
		try (MailchimpFake own = new MailchimpFake(KEY, "list1", "seg7")) {
			UUID destination = this.destinations
				.create(DestinationType.MAILCHIMP, "newsletter", ConsentPurpose.EMAIL_MARKETING,
						Map.of("listId", "list1", "segmentId", "seg7", "baseUrl", own.apiUrl()),
						Map.of("apiKey", Secret.of(KEY)))
				.block();
			UUID sync = this.syncs.create(segment, "vip", destination, SyncMode.ADD_ONLY, "0 0 3 * * *").block();
			fixture.put(segment,
					new AudienceFixture.Person("p7", "cat@example.com", EnumSet.of(ConsentPurpose.EMAIL_MARKETING)));
			this.syncs.trigger(sync).block();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(own.segment()).containsExactly("cat@example.com"));

			fixture.remove(segment, "p7");
			this.redis.opsForStream()
				.add(StreamRecords
					.string(Map.of("type", "consent", "profileId", "p7", "message",
							"{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"consent\",\"profileId\":\"p7\","
									+ "\"occurredAt\":\"2026-01-01T00:00:00Z\",\"payload\":{\"purpose\":"
									+ "\"EMAIL_MARKETING\",\"status\":\"WITHDRAWN\",\"source\":\"CMP\"}}"))
					.withStreamKey(this.namespace + ":{profile}:stream"))
				.block();

			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(own.segment()).isEmpty());
		}
	}

	/**
	 * Publishes until a listener received the change: the subscription starts with the
	 * context, asynchronously.
	 */
	private void publish(String segment, String profile, String change) {
		String json = "{\"segmentId\":\"" + segment + "\",\"key\":\"vip\",\"profileId\":\"" + profile
				+ "\",\"change\":\"" + change + "\",\"at\":\"2026-01-01T00:00:00Z\"}";
		await().atMost(Duration.ofSeconds(5))
			.until(() -> this.redis.convertAndSend(this.namespace + ":segment-changes", json).block() > 0);
	}

}
