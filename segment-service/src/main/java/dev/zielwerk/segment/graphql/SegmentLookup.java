package dev.zielwerk.segment.graphql;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import dev.zielwerk.segment.segments.Segment;
import dev.zielwerk.segment.segments.SegmentRepository;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Segments by key for {@code Profile.segments}, from a copy of the whole table read at
 * most once per {@code zielwerk.segment.graphql.segment-cache-ttl} (default 1s): the
 * field is read per profile far more often than segments change, and a query per request
 * costs more than the Redis read it follows. A key missing from the copy (a segment just
 * created) reloads it at once; names, sizes and statuses can lag by up to the ttl.
 */
@Component
final class SegmentLookup {

	private final SegmentRepository segments;

	private final Duration ttl;

	private volatile Snapshot snapshot = new Snapshot(Map.of(), 0);

	SegmentLookup(SegmentRepository segments, @Value("${zielwerk.segment.graphql.segment-cache-ttl:1s}") Duration ttl) {
		this.segments = segments;
		this.ttl = ttl;
	}

	/**
	 * The segments with these keys that exist.
	 * @param keys segment keys
	 * @return by key
	 */
	Mono<Map<String, Segment>> byKeys(Collection<String> keys) {
		Snapshot current = this.snapshot;
		if (System.nanoTime() - current.loadedAt() < this.ttl.toNanos() && current.byKey().keySet().containsAll(keys)) {
			return Mono.just(current.byKey());
		}
		long started = System.nanoTime();
		return this.segments.findAll().collectMap(Segment::key).map((byKey) -> {
			Map<String, Segment> copy = Map.copyOf(byKey);
			this.snapshot = new Snapshot(copy, started);
			return copy;
		});
	}

	private record Snapshot(Map<String, Segment> byKey, long loadedAt) {
	}

}
