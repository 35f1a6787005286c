package dev.zielwerk.segment.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.zielwerk.segment.store.RedisKeys;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessage;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the profile stream in consumer group {@code zielwerk.segment.engine.group}
 * (created from the start of the stream when missing) with XREADGROUP, applies the
 * entries of one read together ({@link BatchProcessor}; merges and erasures alone, as
 * barriers) and acknowledges them with XACK once committed. On start it first re-reads
 * its own pending entries (delivered before a crash, never acknowledged); a message that
 * keeps failing stays pending and is retried on the next start.
 */
@Component
final class StreamConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

	private final ReactiveStringRedisTemplate redis;

	private final MessageProcessor processor;

	private final BatchProcessor batches;

	private final EngineProperties properties;

	private final String stream;

	private final String consumer;

	private volatile @Nullable Disposable running;

	private volatile boolean pendingDone;

	private volatile long lastClaim = System.nanoTime();

	StreamConsumer(ReactiveStringRedisTemplate redis, MessageProcessor processor, BatchProcessor batches,
			EngineProperties properties, RedisKeys keys) {
		this.redis = redis;
		this.processor = processor;
		this.batches = batches;
		this.properties = properties;
		this.stream = keys.profileStream();
		this.consumer = (properties.consumer() != null) ? properties.consumer() : "segment-" + UUID.randomUUID();
	}

	@Override
	public void start() {
		if (!this.properties.isEnabled()) {
			return;
		}
		this.pendingDone = false;
		this.running = createGroup().then(Mono.defer(this::poll).repeat().then()).subscribe();
	}

	@Override
	public void stop() {
		Disposable current = this.running;
		if (current != null) {
			current.dispose();
		}
		this.running = null;
	}

	@Override
	public boolean isRunning() {
		return this.running != null;
	}

	private Mono<Void> createGroup() {
		return this.redis.opsForStream()
			.createGroup(this.stream, ReadOffset.from("0"), this.properties.groupName())
			.then()
			.onErrorResume((ex) -> {
				// BUSYGROUP: another instance, or an earlier run, created it
				log.debug("Consumer group not created: {}", ex.toString());
				return Mono.empty();
			});
	}

	private Mono<Long> poll() {
		return claimStale().onErrorResume((ex) -> {
			log.warn("Claiming stale pending entries failed: {}", ex.toString());
			return Mono.just(0L);
		}).then(read());
	}

	/**
	 * Takes over entries another consumer received but has not acknowledged for
	 * {@code claim-idle} (it stopped or hangs): XPENDING, then XCLAIM. Processing them
	 * again is safe, being idempotent by message id. Checked at most once per
	 * {@code claim-idle}.
	 */
	private Mono<Long> claimStale() {
		Duration idle = this.properties.claimAfter();
		long now = System.nanoTime();
		if (now - this.lastClaim < idle.toNanos()) {
			return Mono.just(0L);
		}
		this.lastClaim = now;
		return this.redis.opsForStream()
			.pending(this.stream, this.properties.groupName(), Range.unbounded(), this.properties.readCount())
			.flatMapIterable((pending) -> pending)
			.filter((entry) -> !entry.getConsumerName().equals(this.consumer)
					&& entry.getElapsedTimeSinceLastDelivery().compareTo(idle) >= 0)
			.map(PendingMessage::getId)
			.collectList()
			.flatMapMany((ids) -> ids.isEmpty() ? Flux.empty() : this.redis.opsForStream()
				.claim(this.stream, this.properties.groupName(), this.consumer, idle, ids.toArray(RecordId[]::new)))
			.collectList()
			.flatMapMany(this::handleBatch)
			.count();
	}

	@SuppressWarnings("unchecked")
	private Mono<Long> read() {
		boolean pending = !this.pendingDone;
		StreamReadOptions options = StreamReadOptions.empty().count(this.properties.readCount());
		if (!pending) {
			options = options.block(this.properties.readBlock());
		}
		ReadOffset offset = pending ? ReadOffset.from("0") : ReadOffset.lastConsumed();
		return this.redis.opsForStream()
			.read(Consumer.from(this.properties.groupName(), this.consumer), options,
					StreamOffset.create(this.stream, offset))
			.collectList()
			.flatMapMany(this::handleBatch)
			.count()
			.doOnNext((count) -> this.pendingDone = true)
			.onErrorResume((ex) -> {
				log.warn("Reading the profile stream failed, retrying: {}", ex.toString());
				// a flushed Redis loses the group too (NOGROUP): create it again
				return Mono.delay(Duration.ofSeconds(1)).then(createGroup()).thenReturn(0L);
			});
	}

	/**
	 * Handles a batch in stream order per profile, different profiles concurrently
	 * ({@code zielwerk.segment.engine.concurrency}). Merges and erasures touch more than
	 * one profile: each is a barrier, applied alone after everything before it.
	 */
	private Flux<Boolean> handleBatch(List<MapRecord<String, Object, Object>> records) {
		List<List<Entry>> phases = new ArrayList<>();
		List<Entry> current = new ArrayList<>();
		for (MapRecord<String, Object, Object> record : records) {
			Entry entry = Entry.of(record);
			if (entry.isBarrier()) {
				phases.add(current);
				phases.add(List.of(entry));
				current = new ArrayList<>();
			}
			else {
				current.add(entry);
			}
		}
		phases.add(current);
		return Flux.fromIterable(phases)
			.concatMap((phase) -> (phase.size() == 1 && phase.get(0).isBarrier()) ? handleConcurrently(phase)
					: handleTogether(phase));
	}

	/**
	 * Applies the entries between two barriers in one transaction
	 * ({@link BatchProcessor}) and acknowledges them with one XACK after commit; when
	 * that keeps failing, each entry is applied alone, so one bad message stays pending
	 * without holding back the others.
	 */
	private Flux<Boolean> handleTogether(List<Entry> entries) {
		if (entries.isEmpty()) {
			return Flux.empty();
		}
		List<StreamEnvelope> messages = new ArrayList<>();
		for (Entry entry : entries) {
			StreamEnvelope message = entry.message();
			if (message == null) {
				log.error("Dropping unreadable stream entry {}", entry.record().getId());
			}
			else {
				messages.add(message);
			}
		}
		RecordId[] ids = entries.stream().map((entry) -> entry.record().getId()).toArray(RecordId[]::new);
		long started = System.nanoTime();
		return this.batches.process(messages)
			.doOnNext((changes) -> log.debug("Applied {} stream entries together in {} ms, {} membership changes",
					entries.size(), (System.nanoTime() - started) / 1_000_000, changes.size()))
			.then(this.redis.opsForStream().acknowledge(this.stream, this.properties.groupName(), ids))
			.thenMany(Flux.fromIterable(entries).map((entry) -> true))
			.onErrorResume((ex) -> {
				log.warn("Applying {} stream entries together failed, applying them one by one: {}", entries.size(),
						ex.toString());
				return handleConcurrently(entries);
			});
	}

	private Flux<Boolean> handleConcurrently(List<Entry> entries) {
		Map<String, List<Entry>> byProfile = new LinkedHashMap<>();
		for (Entry entry : entries) {
			byProfile.computeIfAbsent(entry.profileKey(), (key) -> new ArrayList<>()).add(entry);
		}
		return Flux.fromIterable(byProfile.values())
			.flatMap((ordered) -> Flux.fromIterable(ordered).concatMap(this::handle), this.properties.workers());
	}

	private Mono<Boolean> handle(Entry entry) {
		StreamEnvelope message = entry.message();
		if (message == null) {
			log.error("Dropping unreadable stream entry {}", entry.record().getId());
			return ack(entry.record());
		}
		return this.processor.process(message).then(ack(entry.record())).onErrorResume((ex) -> {
			log.error("Stream message {} failed; it stays pending", message.id(), ex);
			return Mono.just(false);
		});
	}

	private Mono<Boolean> ack(MapRecord<String, Object, Object> record) {
		return this.redis.opsForStream()
			.acknowledge(this.stream, this.properties.groupName(), record.getId())
			.thenReturn(true);
	}

	/** A stream entry with its message, or null when it cannot be read. */
	private record Entry(MapRecord<String, Object, Object> record, @Nullable StreamEnvelope message) {

		static Entry of(MapRecord<String, Object, Object> record) {
			try {
				return new Entry(record, StreamEnvelope.parse(String.valueOf(record.getValue().get("message"))));
			}
			catch (RuntimeException ex) {
				return new Entry(record, null);
			}
		}

		boolean isBarrier() {
			return this.message != null && ("merge".equals(this.message.type()) || "erase".equals(this.message.type()));
		}

		String profileKey() {
			return (this.message != null) ? this.message.profileId().toString() : this.record.getId().getValue();
		}

	}

}
