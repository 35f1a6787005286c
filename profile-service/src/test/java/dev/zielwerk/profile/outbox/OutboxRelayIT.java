package dev.zielwerk.profile.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.profile.outbox.StreamFixtures.SentRow;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against real PostgreSQL and Redis. The application's own relay is off; each
 * test starts relays by hand (as separate instances would) and writes to a stream of its
 * own.
 */
@SpringBootTest(properties = "zielwerk.profile.relay.enabled=false")
class OutboxRelayIT {

	private static final Duration BOUND = Duration.ofSeconds(20);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, OutboxRelayIT.class);
	}

	@Autowired
	ConnectionFactory connectionFactory;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	DatabaseClient database;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionalOperator transactions;

	@Autowired
	OutboxRelay applicationRelay;

	private final JsonMapper json = JsonMapper.builder().build();

	private final RelayProperties properties = new RelayProperties(true, 500, Duration.ofMillis(50),
			Duration.ofMinutes(10), 1_000_000, Duration.ofDays(7), Duration.ofMinutes(10), Duration.ofMillis(50));

	private final List<OutboxRelay> relays = new ArrayList<>();

	private StreamKeys keys;

	@BeforeEach
	void emptyOutboxAndFreshStream() {
		this.database.sql("DELETE FROM outbox").then().block(BOUND);
		this.keys = new StreamKeys("zwtest:relay:" + UUID.randomUUID());
	}

	@AfterEach
	void stopRelays() {
		for (OutboxRelay relay : this.relays) {
			relay.shutdown().block(BOUND);
		}
	}

	@Test
	void applicationRelayStaysOffWhenDisabled() {
		assertThat(this.applicationRelay.isAutoStartup()).isFalse();
		assertThat(this.applicationRelay.isRunning()).isFalse();
	}

	@Test
	void appendsEveryCommittedMessageExactlyOnceInOutboxOrder() {
		OutboxRelay relay = startRelay();
		// 3 transactions of 400 rows: more than two batches of 500, written while the
		// relay runs
		for (int i = 0; i < 3; i++) {
			commit(StreamFixtures.manyChanges(10, 10));
		}
		awaitAllSent();
		assertStreamIsOutboxExactlyOnce();
		assertThat(relay.isActive()).isTrue();
	}

	@Test
	void streamEntriesCarryTheEnvelopeTypeAndProfileId() {
		UUID profile = UUID.randomUUID();
		List<StreamMessage> messages = StreamFixtures.changesOf(profile, 1);
		commit(messages);
		startRelay();
		awaitAllSent();
		List<MapRecord<String, Object, Object>> entries = StreamFixtures.stream(this.redis, this.keys);
		assertThat(entries).hasSize(messages.size());
		for (int i = 0; i < messages.size(); i++) {
			StreamMessage sent = messages.get(i);
			Map<Object, Object> fields = entries.get(i).getValue();
			assertThat(fields).containsOnlyKeys("message", "type", "profileId")
				.containsEntry("type", sent.type().wireName())
				.containsEntry("profileId", profile.toString());
			JsonNode envelope = this.json.readTree((String) fields.get("message"));
			assertThat(envelope.propertyNames()).containsExactly("id", "type", "profileId", "occurredAt", "payload");
			assertThat(envelope.get("id").asString()).isEqualTo(sent.id().toString());
			assertThat(envelope.get("type").asString()).isEqualTo(sent.type().wireName());
			assertThat(envelope.get("profileId").asString()).isEqualTo(profile.toString());
			assertThat(envelope.get("occurredAt").asString()).isEqualTo(sent.occurredAt().toString()).endsWith("Z");
			assertThat(envelope.get("payload")).isEqualTo(this.json.valueToTree(sent.payload()));
		}
	}

	@Test
	void deliversRowsCommittedWhileNoRelayRanOnceAFreshRelayStarts() {
		commit(StreamFixtures.manyChanges(5, 30));
		assertThat(StreamFixtures.stream(this.redis, this.keys)).isEmpty();
		OutboxRelay first = startRelay();
		awaitAllSent();
		first.shutdown().block(BOUND);
		// crash between commit and relay, again: rows committed while no relay runs
		commit(StreamFixtures.manyChanges(3, 10));
		startRelay();
		awaitAllSent();
		assertStreamIsOutboxExactlyOnce();
	}

	@Test
	void aRelayAfterACrashBetweenAppendAndMarkSentAddsNoDuplicatesAndMarksTheOriginalIds() {
		commit(StreamFixtures.manyChanges(4, 5));
		StreamAppender appender = appender();
		// the crashed relay: appended the batch to the stream, died before marking it
		// sent
		List<OutboxRow> rows = Mono
			.usingWhen(
					Mono.from(RelayConfiguration.unpooled(this.connectionFactory).create()).map(RelayConnection::new),
					(connection) -> connection.unsent(500).collectList(), RelayConnection::close)
			.block(BOUND);
		List<String> appendedIds = appender.append(rows).block(BOUND);
		assertThat(StreamFixtures.stream(this.redis, this.keys)).hasSize(rows.size());
		assertThat(StreamFixtures.outbox(this.database)).extracting(SentRow::streamId).containsOnlyNulls();

		startRelay();
		awaitAllSent();
		assertStreamIsOutboxExactlyOnce();
		assertThat(StreamFixtures.outbox(this.database)).extracting(SentRow::streamId).isEqualTo(appendedIds);
		assertThat(this.redis.countExistingKeys(rows.stream().map((row) -> this.keys.dedup(row.id())).toList())
			.block(BOUND)).as("de-duplication keys released once marked sent").isZero();
	}

	@Test
	void twoRelaysAtOnceNeverDuplicateOrReorderAndTheStandByTakesOver() {
		OutboxRelay one = startRelay();
		OutboxRelay two = startRelay();
		await().atMost(BOUND).until(() -> one.isActive() || two.isActive());
		for (int i = 0; i < 10; i++) {
			commit(StreamFixtures.manyChanges(5, 3));
			assertThat(one.isActive() && two.isActive()).as("both relays active").isFalse();
		}
		awaitAllSent();
		assertStreamIsOutboxExactlyOnce();

		OutboxRelay leader = one.isActive() ? one : two;
		OutboxRelay standBy = (leader == one) ? two : one;
		leader.shutdown().block(BOUND);
		await().atMost(BOUND).until(standBy::isActive);
		commit(StreamFixtures.manyChanges(5, 3));
		awaitAllSent();
		assertStreamIsOutboxExactlyOnce();
	}

	@Test
	void shutdownFinishesTheBatchInFlightSoEveryAppendedRowIsMarkedSent() {
		commit(StreamFixtures.manyChanges(50, 15));
		OutboxRelay relay = startRelay();
		await().atMost(BOUND).until(() -> count("sent_at IS NOT NULL") > 0);
		relay.shutdown().block(BOUND);
		long sent = count("sent_at IS NOT NULL");
		assertThat(StreamFixtures.stream(this.redis, this.keys)).as("stream entries").hasSize((int) sent);
		assertThat(relay.isActive()).isFalse();
		// a later relay delivers the rest, still once each
		startRelay();
		awaitAllSent();
		assertStreamIsOutboxExactlyOnce();
	}

	@Test
	void deletesSentRowsOlderThanTheRetentionOnly() {
		commit(StreamFixtures.manyChanges(2, 5));
		OutboxRelay relay = startRelay();
		awaitAllSent();
		relay.shutdown().block(BOUND);
		long aged = this.database
			.sql("UPDATE outbox SET sent_at = now() - interval '8 days' WHERE seq IN "
					+ "(SELECT seq FROM outbox ORDER BY seq LIMIT 15)")
			.fetch()
			.rowsUpdated()
			.block(BOUND);
		assertThat(aged).isEqualTo(15);
		commit(StreamFixtures.manyChanges(1, 1));

		startRelay();
		await().atMost(BOUND).until(() -> count("sent_at IS NOT NULL") == 29);
		assertThat(count("true")).isEqualTo(29);
		assertThat(count("sent_at < now() - interval '7 days'")).isZero();
	}

	private OutboxRelay startRelay() {
		OutboxRelay relay = new OutboxRelay(RelayConfiguration.unpooled(this.connectionFactory), appender(),
				this.properties);
		this.relays.add(relay);
		relay.start();
		return relay;
	}

	private StreamAppender appender() {
		return new StreamAppender(this.redis, this.keys, this.properties);
	}

	private void commit(List<StreamMessage> messages) {
		this.transactions.transactional(this.outbox.appendAll(messages)).block(BOUND);
	}

	private void awaitAllSent() {
		await().atMost(BOUND).until(() -> count("sent_at IS NULL") == 0);
	}

	private long count(String condition) {
		return this.database.sql("SELECT count(*) FROM outbox WHERE " + condition)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block(BOUND);
	}

	/**
	 * XRANGE of the stream equals the outbox in seq order: every row once, nothing else.
	 */
	private void assertStreamIsOutboxExactlyOnce() {
		List<SentRow> rows = StreamFixtures.outbox(this.database);
		List<MapRecord<String, Object, Object>> entries = StreamFixtures.stream(this.redis, this.keys);
		assertThat(entries).hasSameSizeAs(rows);
		List<String> entryMessageIds = new ArrayList<>();
		for (MapRecord<String, Object, Object> entry : entries) {
			entryMessageIds.add(this.json.readTree((String) entry.getValue().get("message")).get("id").asString());
		}
		assertThat(entryMessageIds).isEqualTo(rows.stream().map((row) -> row.id().toString()).toList());
		assertThat(entries.stream().map((entry) -> entry.getId().getValue()).toList())
			.as("stream ids recorded on the rows")
			.isEqualTo(rows.stream().map(SentRow::streamId).toList());
	}

}
