package dev.zielwerk.profile.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's own relay, started with the service. Polling is set to 30 s, so
 * messages that reach the stream within the bound were woken by the outbox trigger's
 * NOTIFY.
 */
@SpringBootTest(properties = "zielwerk.profile.relay.poll-interval=30s")
class OutboxRelayLatencyIT {

	private static final Duration BOUND = Duration.ofSeconds(20);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, OutboxRelayLatencyIT.class);
	}

	@Autowired
	OutboxRelay relay;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionalOperator transactions;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Test
	void appendsACommittedMessageWithinMillisecondsThroughNotify() {
		await().atMost(BOUND).until(this.relay::isActive);
		StreamKeys keys = this.relay.keys();
		List<Long> latenciesMicros = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			long before = streamLength(keys);

			long start = System.nanoTime();
			this.transactions
				.transactional(this.outbox.appendAll(StreamFixtures.changesOf(UUID.randomUUID(), i).subList(0, 1)))
				.block(BOUND);
			await().atMost(Duration.ofSeconds(1))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.until(() -> streamLength(keys) == before + 1);
			latenciesMicros.add((System.nanoTime() - start) / 1000);
		}
		latenciesMicros.sort(null);
		System.out.println("commit-to-stream latency (µs, incl. the commit and polling): median "
				+ latenciesMicros.get(10) + ", max " + latenciesMicros.get(19));
		assertThat(latenciesMicros.get(10)).as("median µs").isLessThan(250_000);
	}

	@Test
	void theEnvelopeTheRelayWritesValidatesAgainstTheEnvelopeSchema() {
		UUID profile = UUID.randomUUID();
		List<StreamMessage> messages = StreamFixtures.changesOf(profile, 2);
		this.transactions.transactional(this.outbox.appendAll(messages)).block(BOUND);
		StreamKeys keys = this.relay.keys();
		await().atMost(BOUND).until(() -> entriesOf(keys, profile).size() == messages.size());
		JsonMapper json = JsonMapper.builder().build();
		List<String> types = new ArrayList<>();
		for (MapRecord<String, Object, Object> entry : entriesOf(keys, profile)) {
			String message = (String) entry.getValue().get("message");
			assertThat(EnvelopeSchema.validate(message)).as(message).isEmpty();
			types.add(json.readTree(message).get("type").asString());
		}
		assertThat(types).containsExactly("event", "traits", "consent", "merge");
	}

	private long streamLength(StreamKeys keys) {
		Long size = this.redis.opsForStream().size(keys.stream()).block(BOUND);
		return (size != null) ? size : 0;
	}

	private List<MapRecord<String, Object, Object>> entriesOf(StreamKeys keys, UUID profile) {
		return StreamFixtures.stream(this.redis, keys)
			.stream()
			.filter((entry) -> profile.toString().equals(entry.getValue().get("profileId")))
			.toList();
	}

}
