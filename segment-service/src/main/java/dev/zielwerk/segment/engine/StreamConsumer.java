package dev.zielwerk.segment.engine;

import java.time.Duration;
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
 * (created from the start of the stream when missing) with XREADGROUP, processes each
 * entry in order and acknowledges it with XACK once committed. On start it first re-reads
 * its own pending entries (delivered before a crash, never acknowledged); a message that
 * keeps failing stays pending and is retried on the next start.
 */
@Component
final class StreamConsumer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

	private final ReactiveStringRedisTemplate redis;

	private final MessageProcessor processor;

	private final EngineProperties properties;

	private final String stream;

	private final String consumer;

	private volatile @Nullable Disposable running;

	private volatile boolean pendingDone;

	private volatile long lastClaim = System.nanoTime();

	StreamConsumer(ReactiveStringRedisTemplate redis, MessageProcessor processor, EngineProperties properties,
			RedisKeys keys) {
		this.redis = redis;
		this.processor = processor;
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
			.concatMap(this::handle)
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
			.concatMap(this::handle)
			.count()
			.doOnNext((count) -> this.pendingDone = true)
			.onErrorResume((ex) -> {
				log.warn("Reading the profile stream failed, retrying: {}", ex.toString());
				// a flushed Redis loses the group too (NOGROUP): create it again
				return Mono.delay(Duration.ofSeconds(1)).then(createGroup()).thenReturn(0L);
			});
	}

	private Mono<Boolean> handle(MapRecord<String, Object, Object> record) {
		Object text = record.getValue().get("message");
		StreamEnvelope message;
		try {
			message = StreamEnvelope.parse(String.valueOf(text));
		}
		catch (RuntimeException ex) {
			log.error("Dropping unreadable stream entry {}: {}", record.getId(), ex.toString());
			return ack(record);
		}
		return this.processor.process(message).then(ack(record)).onErrorResume((ex) -> {
			log.error("Stream message {} failed; it stays pending", message.id(), ex);
			return Mono.just(false);
		});
	}

	private Mono<Boolean> ack(MapRecord<String, Object, Object> record) {
		return this.redis.opsForStream()
			.acknowledge(this.stream, this.properties.groupName(), record.getId())
			.thenReturn(true);
	}

}
