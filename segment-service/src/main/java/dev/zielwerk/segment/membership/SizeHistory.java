package dev.zielwerk.segment.membership;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A segment's size over time and its entries and exits per interval, derived from the
 * membership history: the size at an instant is today's size minus the entries after it
 * plus the exits after it. Erasure deletes a person's history, so sizes before an erasure
 * count that person as never having been a member.
 */
@Component
public final class SizeHistory {

	/** At most this many points per answer. */
	public static final int MAX_POINTS = 1000;

	private final DatabaseClient database;

	SizeHistory(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * Points at the end of each interval from {@code from} until {@code to}.
	 * @param segmentId the segment
	 * @param currentSize its size now
	 * @param from the start
	 * @param to the end, after the start
	 * @param interval the width of each interval
	 * @return one point per interval
	 */
	public Mono<List<Point>> points(UUID segmentId, long currentSize, Instant from, Instant to, Duration interval) {
		long seconds = interval.toSeconds();
		int count = (int) Math.min(MAX_POINTS, (Duration.between(from, to).toSeconds() + seconds - 1) / seconds);
		return this.database.sql("""
				SELECT floor(extract(epoch FROM (at - $2)) / $3)::bigint AS bucket, change, count(*) AS n
				FROM membership_history WHERE segment_id = $1 AND at >= $2
				GROUP BY 1, 2
				""")
			.bind(0, segmentId)
			.bind(1, from)
			.bind(2, seconds)
			.map((row) -> new Bucket(row.get("bucket", Long.class), String.valueOf(row.get("change", String.class)),
					row.get("n", Long.class)))
			.all()
			.collectList()
			.map((buckets) -> {
				Map<Long, long[]> counts = new HashMap<>();
				long enteredAfter = 0;
				long exitedAfter = 0;
				for (Bucket bucket : buckets) {
					long[] pair = counts.computeIfAbsent(bucket.index(), (index) -> new long[2]);
					pair["ENTERED".equals(bucket.change()) ? 0 : 1] += bucket.count();
					if ("ENTERED".equals(bucket.change())) {
						enteredAfter += bucket.count();
					}
					else {
						exitedAfter += bucket.count();
					}
				}
				// walk forward: size at the start of the range, then each interval's net
				long size = currentSize - enteredAfter + exitedAfter;
				List<Point> points = new ArrayList<>();
				for (long i = 0; i < count; i++) {
					long[] pair = counts.getOrDefault(i, new long[2]);
					size += pair[0] - pair[1];
					points.add(new Point(from.plusSeconds((i + 1) * seconds), size, pair[0], pair[1]));
				}
				return points;
			});
	}

	/**
	 * One interval.
	 *
	 * @param at the end of the interval
	 * @param size the size at its end
	 * @param entered entries during it
	 * @param exited exits during it
	 */
	public record Point(Instant at, long size, long entered, long exited) {
	}

	private record Bucket(long index, String change, long count) {
	}

}
