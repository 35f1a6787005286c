package dev.zielwerk.profile.partner;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where profile-service learns who is in a shared segment. Membership belongs to
 * segment-service; this service only asks.
 */
interface SegmentMembers {

	/** Emits true when the segment exists. */
	Mono<Boolean> exists(String segmentId);

	/**
	 * One page of members in segment-service's order (by profile id), after the member
	 * with the given segment-service cursor.
	 */
	Mono<MemberPage> page(String segmentId, @Nullable String after, int first);

	/** Those of the profiles that are members now. */
	Mono<Set<UUID>> among(String segmentId, Collection<UUID> profileIds);

	/** A page of members, each with segment-service's cursor. */
	record MemberPage(List<Member> members, boolean hasNextPage) {
	}

	record Member(UUID profileId, String cursor) {
	}

}
