package dev.zielwerk.connectors.sync;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where sync runs read a segment's members with identifiers and current consent. Pages
 * are read one at a time so a run never holds the whole audience, and so a run can resume
 * after the last page it committed.
 */
public interface AudienceSource {

	/**
	 * One page of members.
	 * @param segmentId the segment
	 * @param profileIds when not {@code null}, only those of these profiles that are
	 * members now (a real-time run asks about the profiles that changed)
	 * @param first the page size
	 * @param after the cursor to continue after, or {@code null} for the first page
	 * @return the page
	 */
	Mono<AudiencePage> page(String segmentId, @Nullable List<String> profileIds, int first, @Nullable String after);

	/**
	 * Every member of a segment, read page by page.
	 * @param segmentId the segment
	 * @param pageSize members per page
	 * @return the members
	 */
	default Flux<AudienceEntry> members(String segmentId, int pageSize) {
		return page(segmentId, null, pageSize, null)
			.expand((page) -> page.hasNextPage() ? page(segmentId, null, pageSize, page.endCursor()) : Mono.empty())
			.concatMapIterable(AudiencePage::entries);
	}

}
