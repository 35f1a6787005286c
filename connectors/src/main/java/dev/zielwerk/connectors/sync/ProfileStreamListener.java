package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Reads {@code erase} messages from the profile stream
 * ({@code <namespace>:{profile}:stream}) in the consumer group {@code connectors} and
 * fans each erasure out to every destination. A message is acknowledged only after every
 * destination confirmed; one that failed stays pending and is read again (from the
 * group's pending list) on the next pass.
 * <p>
 * Consumer names are per instance and random, so a dead instance never reads its pending
 * list again. Each pass therefore first claims ({@code XAUTOCLAIM}) messages that sat
 * pending with another consumer for longer than {@code claimIdle}, then reads its own
 * pending list (which now holds them) and then new messages.
 */
final class ProfileStreamListener {

	private static final Log logger = LogFactory.getLog(ProfileStreamListener.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static final String GROUP = "connectors";

	private static final RedisScript<Long> CREATE_GROUP = RedisScript
		.of("redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM') return 1", Long.class);

	// JUSTID: claiming is not a delivery; the read of the own pending list delivers them
	private static final RedisScript<Long> AUTOCLAIM = RedisScript
		.of("local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4],"
				+ " 'JUSTID') return #claimed[2]", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final ErasureFanOut fanOut;

	private final SyncedMembers synced;

	private final RunStore runs;

	private final String stream;

	private final Consumer consumer;

	private final Duration claimIdle;

	private volatile Disposable loop = Disposables.disposed();

	ProfileStreamListener(ReactiveStringRedisTemplate redis, ErasureFanOut fanOut, SyncedMembers synced, RunStore runs,
			String namespace, String consumerName, Duration claimIdle) {
		this.redis = redis;
		this.fanOut = fanOut;
		this.synced = synced;
		this.runs = runs;
		this.stream = namespace + ":{profile}:stream";
		this.consumer = Consumer.from(GROUP, consumerName);
		this.claimIdle = claimIdle;
	}

	/**
	 * Takes over messages pending with other consumers for longer than the claim idle
	 * time.
	 * @return how many were claimed
	 */
	Mono<Long> claimAbandoned() {
		return this.redis
			.execute(AUTOCLAIM, List.of(this.stream),
					List.of(GROUP, this.consumer.getName(), Long.toString(this.claimIdle.toMillis()), "100"))
			.next()
			.defaultIfEmpty(0L);
	}

	String stream() {
		return this.stream;
	}

	void start(Duration idle) {
		this.loop = this.redis.execute(CREATE_GROUP, List.of(this.stream), List.of(GROUP))
			.thenMany(Mono
				.defer(() -> claimAbandoned().then(pass(ReadOffset.from("0"))).then(pass(ReadOffset.lastConsumed())))
				.repeat())
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(idle))
			.subscribe();
	}

	/**
	 * Reads one batch (pending entries with offset 0, new ones with {@code >}) and
	 * handles it.
	 */
	// read(...) takes its one stream offset as a generic varargs array
	@SuppressWarnings("unchecked")
	Mono<Void> pass(ReadOffset offset) {
		StreamReadOptions options = StreamReadOptions.empty().count(100);
		if (!"0".equals(offset.getOffset())) {
			options = options.block(Duration.ofSeconds(1));
		}
		return this.redis.<String, String>opsForStream()
			.read(this.consumer, options, StreamOffset.create(this.stream, offset))
			.concatMap(this::handle)
			.then();
	}

	private Mono<Void> handle(MapRecord<String, String, String> record) {
		Map<String, String> fields = record.getValue();
		Mono<?> work = switch (String.valueOf(fields.get("type"))) {
			case "erase" -> Mono.fromCallable(() -> profiles(fields)).flatMap(this.fanOut::erase);
			case "consent" -> withdrawal(fields);
			default -> Mono.empty();
		};
		return work.then(ack(record)).onErrorResume((ex) -> {
			logger.warn("Profile message " + record.getId() + " is not handled yet: " + ex.getMessage());
			return Mono.empty();
		});
	}

	private Mono<Void> withdrawal(Map<String, String> fields) {
		return Mono.fromCallable(() -> JSON.readTree(String.valueOf(fields.get("message")))).flatMap((envelope) -> {
			JsonNode payload = envelope.path("payload");
			String status = payload.path("status").asString("");
			if (!"DENIED".equals(status) && !"WITHDRAWN".equals(status)) {
				return Mono.empty();
			}
			String profileId = envelope.path("profileId").asString();
			String purpose = payload.path("purpose").asString("");
			// a CMS audience is held here and answered by the decide endpoint: out at
			// once
			Mono<Long> cms = "PERSONALIZATION".equals(purpose) ? this.synced.leaveCms(profileId) : Mono.just(0L);
			return cms.thenMany(this.synced.syncsHolding(profileId, purpose))
				.concatMap((syncId) -> this.runs.enqueueScope(syncId, List.of(profileId), true))
				.then();
		});
	}

	private static List<String> profiles(Map<String, String> fields) {
		List<String> profiles = new ArrayList<>();
		String message = fields.get("message");
		JsonNode envelope = (message != null) ? JSON.readTree(message) : JSON.createObjectNode();
		String profileId = fields.get("profileId");
		profiles.add((profileId != null) ? profileId : envelope.path("profileId").asString());
		for (JsonNode merged : envelope.path("payload").path("mergedIds").values()) {
			profiles.add(merged.asString());
		}
		return profiles;
	}

	private Mono<Void> ack(MapRecord<String, String, String> record) {
		return this.redis.opsForStream().acknowledge(this.stream, GROUP, record.getId()).then();
	}

	void stop() {
		this.loop.dispose();
	}

}
