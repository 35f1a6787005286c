package dev.zielwerk.segment.engine;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The profile-id ranges of the batch cover every id exactly once, in order, about the
 * asked number of profiles each.
 */
class BatchRangesTests {

	@Test
	void fewProfilesTakeOneRangeOfEveryId() {
		assertThat(BatchComputation.ranges(0, 20_000)).singleElement()
			.satisfies((range) -> assertThat(range).containsExactly(new UUID(0, 0), new UUID(-1L, -1L)));
		assertThat(BatchComputation.ranges(20_000, 20_000)).hasSize(1);
	}

	@Test
	void rangesAreContiguousAndCoverEveryId() {
		List<UUID[]> ranges = BatchComputation.ranges(1_000_000, 20_000);
		assertThat(ranges).hasSize(64);
		assertThat(ranges.get(0)[0]).isEqualTo(new UUID(0, 0));
		assertThat(ranges.get(ranges.size() - 1)[1]).isEqualTo(new UUID(-1L, -1L));
		for (int i = 1; i < ranges.size(); i++) {
			UUID previousHigh = ranges.get(i - 1)[1];
			UUID low = ranges.get(i)[0];
			// the next range starts one above the previous end, compared as PostgreSQL
			// compares uuids (unsigned, byte by byte)
			assertThat(Long.compareUnsigned(previousHigh.getMostSignificantBits(), low.getMostSignificantBits()))
				.isNegative();
			assertThat(previousHigh.getMostSignificantBits() + 1).isEqualTo(low.getMostSignificantBits());
			assertThat(previousHigh.getLeastSignificantBits()).isEqualTo(-1L);
			assertThat(low.getLeastSignificantBits()).isZero();
		}
	}

	@Test
	void theNumberOfRangesIsBounded() {
		assertThat(BatchComputation.ranges(Long.MAX_VALUE / 2, 1)).hasSize(4096);
	}

}
