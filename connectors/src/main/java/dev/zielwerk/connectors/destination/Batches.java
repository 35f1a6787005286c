package dev.zielwerk.connectors.destination;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chunking to a destination's per-request limit, and bisection of a batch the destination
 * refused as a whole so that only the offending records end up rejected.
 */
public final class Batches {

	private Batches() {
	}

	/**
	 * Sends consecutive chunks of at most {@code size} members, one after another.
	 * @param members the members
	 * @param size the per-request limit
	 * @param send sends one chunk
	 * @return the outcomes of all chunks in order
	 */
	public static Mono<BatchResult> inChunks(List<AudienceMember> members, int size,
			Function<List<AudienceMember>, Mono<BatchResult>> send) {
		return Flux.fromIterable(partition(members, size))
			.concatMap(send)
			.reduce(BatchResult.empty(), BatchResult::plus);
	}

	/**
	 * Sends the members; when the destination rejects the whole request
	 * ({@link BatchRejectedException}), sends each half separately, down to single
	 * members, which are then rejected with the destination's reason.
	 * @param members the members
	 * @param send sends one request
	 * @return one outcome per member
	 */
	public static Mono<BatchResult> bisecting(List<AudienceMember> members,
			Function<List<AudienceMember>, Mono<BatchResult>> send) {
		if (members.isEmpty()) {
			return Mono.just(BatchResult.empty());
		}
		return send.apply(members).onErrorResume(BatchRejectedException.class, rejected -> {
			if (members.size() == 1) {
				return Mono.just(BatchResult.allRejected(members, rejected.code(),
						withoutIdentifiers(rejected.reason(), members.get(0)), false));
			}
			int half = members.size() / 2;
			// one half after the other: splitting must not multiply the load on the
			// destination
			return bisecting(members.subList(0, half), send)
				.flatMap(first -> bisecting(members.subList(half, members.size()), send).map(first::plus));
		});
	}

	/**
	 * A vendor message with the member's e-mail and phone blanked out: vendors quote the
	 * offending value, and rejection reasons are stored and shown without personal data.
	 * @param reason the vendor's message
	 * @param member the member it is about
	 * @return the message without the member's identifiers
	 */
	public static String withoutIdentifiers(String reason, AudienceMember member) {
		String scrubbed = reason;
		if (member.email() != null && !member.email().isBlank()) {
			scrubbed = scrubbed.replaceAll("(?i)" + Pattern.quote(member.email().strip()), "<email>");
		}
		if (member.phone() != null && !member.phone().isBlank()) {
			scrubbed = scrubbed.replace(member.phone().strip(), "<phone>");
		}
		return scrubbed;
	}

	/**
	 * Consecutive sublists of at most {@code size} elements.
	 * @param <T> the element type
	 * @param list the list
	 * @param size the chunk size
	 * @return the chunks
	 */
	public static <T> List<List<T>> partition(List<T> list, int size) {
		List<List<T>> chunks = new ArrayList<>((list.size() + size - 1) / size);
		for (int from = 0; from < list.size(); from += size) {
			chunks.add(list.subList(from, Math.min(list.size(), from + size)));
		}
		return chunks;
	}

}
