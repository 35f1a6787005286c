package dev.zielwerk.bench;

import java.util.Arrays;

/** Request latencies in nanoseconds, recorded by one worker, merged at the end. */
final class Latencies {

	private long[] values = new long[1024];

	private int size;

	void record(long nanos) {
		if (this.size == this.values.length) {
			this.values = Arrays.copyOf(this.values, this.size * 2);
		}
		this.values[this.size++] = nanos;
	}

	int size() {
		return this.size;
	}

	static Latencies merge(Iterable<Latencies> parts) {
		Latencies all = new Latencies();
		for (Latencies part : parts) {
			for (int i = 0; i < part.size; i++) {
				all.record(part.values[i]);
			}
		}
		Arrays.sort(all.values, 0, all.size);
		return all;
	}

	/** Nearest-rank percentile of sorted values, in milliseconds; 0 when empty. */
	double percentileMillis(double percentile) {
		if (this.size == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(percentile / 100.0 * this.size);
		return this.values[Math.clamp(rank - 1, 0, this.size - 1)] / 1_000_000.0;
	}

}
