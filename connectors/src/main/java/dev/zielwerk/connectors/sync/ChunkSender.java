package dev.zielwerk.connectors.sync;

import java.util.List;
import java.util.function.Function;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.DestinationClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends a chunk's removes, then its adds, in the destination's batch size. Removes go
 * first so a member whose identifiers moved to another person is never briefly in the
 * audience twice.
 */
final class ChunkSender {

	private ChunkSender() {
	}

	static Mono<ChunkOutcome> send(DestinationClient client, ChunkPlan plan) {
		return batches(plan.removes(), client.maxBatchSize(), client::remove)
			.zipWhen((removes) -> batches(plan.adds(), client.maxBatchSize(), client::add))
			.map((both) -> new ChunkOutcome(both.getT2(), both.getT1()));
	}

	private static Mono<BatchResult> batches(List<AudienceMember> members, int size,
			Function<List<AudienceMember>, Mono<BatchResult>> call) {
		if (members.isEmpty()) {
			return Mono.just(BatchResult.empty());
		}
		int count = (members.size() + size - 1) / size;
		return Flux.range(0, count)
			.concatMap((i) -> call.apply(members.subList(i * size, Math.min(members.size(), (i + 1) * size))))
			.reduce(BatchResult::plus);
	}

}
