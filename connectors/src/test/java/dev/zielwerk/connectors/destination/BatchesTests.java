package dev.zielwerk.connectors.destination;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class BatchesTests {

	private static List<AudienceMember> members(int count) {
		return IntStream.range(0, count)
			.mapToObj(i -> AudienceMember.ofEmail("p" + i, "p" + i + "@example.com"))
			.toList();
	}

	@Test
	void bisectsARejectedBatchUntilOnlyTheBadRecordIsRejected() {
		List<Integer> requestSizes = new ArrayList<>();
		StepVerifier.create(Batches.bisecting(members(16), part -> {
			requestSizes.add(part.size());
			if (part.stream().anyMatch(m -> m.key().equals("p11"))) {
				return Mono.error(new BatchRejectedException("test", 400, "INVALID_EMAIL", "one address is invalid"));
			}
			return Mono.just(BatchResult.allAccepted(part));
		})).assertNext(result -> {
			assertThat(result.outcomes()).hasSize(16);
			assertThat(result.rejected()).singleElement().satisfies(rejected -> {
				assertThat(rejected.key()).isEqualTo("p11");
				assertThat(rejected.code()).isEqualTo("INVALID_EMAIL");
				assertThat(rejected.retryable()).isFalse();
			});
		}).verifyComplete();
		// depth first: 16, 8 ok, 8 → [8..11] → 2 ok, 2 → 1 ok, 1 rejected; then [12..15]
		// ok
		assertThat(requestSizes).containsExactly(16, 8, 8, 4, 2, 2, 1, 1, 4);
	}

	@Test
	void doesNotSplitOnTransientFailures() {
		List<Integer> requestSizes = new ArrayList<>();
		StepVerifier.create(Batches.bisecting(members(4), part -> {
			requestSizes.add(part.size());
			return Mono.error(new RetryableDestinationException("test", 503, "503", "down", null));
		})).expectError(RetryableDestinationException.class).verify();
		assertThat(requestSizes).containsExactly(4);
	}

	@Test
	void sendsChunksOfTheLimitInOrder() {
		List<Integer> sizes = new ArrayList<>();
		StepVerifier.create(Batches.inChunks(members(1_201), 500, chunk -> {
			sizes.add(chunk.size());
			return Mono.just(BatchResult.allAccepted(chunk));
		})).assertNext(result -> assertThat(result.accepted()).hasSize(1_201)).verifyComplete();
		assertThat(sizes).containsExactly(500, 500, 201);
	}

}
