package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Turns membership changes into small runs of the REAL_TIME syncs of their segment: the
 * changes are micro-batched (a window, or a number of changes, whichever comes first) and
 * each batch adds its profiles to the sync's waiting run. The run then asks the audience
 * source about exactly those profiles, so consent is judged when the run sends, and a
 * profile that entered and left again within a window is handled by its current state.
 * Pub/sub loses messages while no instance listens; the periodic full run of every
 * real-time sync ({@code real-time-reconcile}) repairs that.
 */
final class SegmentChangeListener {

	private static final Log logger = LogFactory.getLog(SegmentChangeListener.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ReactiveStringRedisTemplate redis;

	private final DatabaseClient database;

	private final RunStore runs;

	private final String channel;

	private volatile Disposable subscription = Disposables.disposed();

	SegmentChangeListener(ReactiveStringRedisTemplate redis, DatabaseClient database, RunStore runs, String namespace) {
		this.redis = redis;
		this.database = database;
		this.runs = runs;
		this.channel = namespace + ":segment-changes";
	}

	String channel() {
		return this.channel;
	}

	void start(Duration window, int maxChanges) {
		this.subscription = this.redis.listenToChannel(this.channel)
			.concatMap((message) -> Mono.fromCallable(() -> JSON.readValue(message.getMessage(), SegmentChange.class))
				.onErrorResume((ex) -> {
					logger.warn("Ignoring a malformed segment change: " + ex.getMessage());
					return Mono.empty();
				}))
			.bufferTimeout(maxChanges, window)
			.concatMap((batch) -> enqueue(batch).onErrorResume((ex) -> {
				logger.warn("Queueing " + batch.size() + " segment changes failed: " + ex.getMessage());
				return Mono.empty();
			}))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30)))
			.subscribe();
	}

	/**
	 * Adds a batch of changes to the waiting runs of the REAL_TIME syncs of their
	 * segments.
	 * @return the runs that received changes
	 */
	Flux<UUID> enqueue(List<SegmentChange> batch) {
		Map<String, List<SegmentChange>> bySegment = batch.stream()
			.collect(Collectors.groupingBy(SegmentChange::segmentId));
		return Flux.fromIterable(bySegment.values()).concatMap((changes) -> {
			SegmentChange first = changes.get(0);
			List<String> profiles = changes.stream().map(SegmentChange::profileId).distinct().toList();
			return this.database
				.sql("SELECT id FROM audience_syncs WHERE enabled AND schedule = 'REAL_TIME' AND segment_id = :segment")
				.bind("segment", first.segmentId())
				.map((row) -> row.get("id", UUID.class))
				.all()
				.concatMap((syncId) -> this.runs.enqueueScope(syncId, profiles, false));
		});
	}

	void stop() {
		this.subscription.dispose();
	}

}
