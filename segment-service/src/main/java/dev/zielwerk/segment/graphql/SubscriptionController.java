package dev.zielwerk.segment.graphql;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.graphql.scalars.Scalars;
import dev.zielwerk.segment.error.InvalidInputException;
import dev.zielwerk.segment.membership.MembershipChanges;
import dev.zielwerk.segment.membership.MembershipReader;
import dev.zielwerk.segment.segments.SegmentRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;

/**
 * Live membership changes and sizes of one segment (graphql-ws at {@code /graphql}),
 * fanned out through Redis pub/sub so any instance serves any subscriber.
 */
@Controller
final class SubscriptionController {

	private final MembershipChanges changes;

	private final SegmentRepository segments;

	private final MembershipReader memberships;

	SubscriptionController(MembershipChanges changes, SegmentRepository segments, MembershipReader memberships) {
		this.changes = changes;
		this.segments = segments;
		this.memberships = memberships;
	}

	@SubscriptionMapping
	Flux<Map<String, Object>> segmentMembershipChanged(@Argument String segmentId) {
		String id = checked(segmentId);
		// a batch announces its segment once (COMPUTED), not each profile
		return this.changes.changes()
			.filter((change) -> id.equals(change.get("segmentId"))
					&& ("ENTERED".equals(change.get("change")) || "EXITED".equals(change.get("change"))));
	}

	@SubscriptionMapping
	Flux<Map<String, Object>> segmentSizeChanged(@Argument String segmentId) {
		String id = checked(segmentId);
		return this.changes.changes()
			.filter((change) -> id.equals(change.get("segmentId")))
			.concatMap((change) -> this.segments.findById(UUID.fromString(id))
				.map((segment) -> Map.<String, Object>of("segmentId", id, "key", segment.key(), "size", segment.size(),
						"at", change.get("at"))));
	}

	/**
	 * The profile of a membership change, as a {@code Profile} entity reference: the
	 * gateway resolves profile-service's fields from it for every event.
	 */
	@SchemaMapping(typeName = "SegmentMembershipChange", field = "profile")
	Mono<Profile> profile(Map<String, Object> change) {
		UUID id = UUID.fromString(String.valueOf(change.get("profileId")));
		return this.memberships.segmentKeys(List.of(id))
			.map((keys) -> new Profile(id, keys.getOrDefault(id, Set.of())));
	}

	/**
	 * The instant of a change as published (ISO-8601 text in the pub/sub message) made a
	 * {@code DateTime} again; the scalar serializes instants only.
	 */
	@SchemaMapping(typeName = "SegmentMembershipChange", field = "at")
	Instant changedAt(Map<String, Object> change) {
		return Scalars.parseInstant(String.valueOf(change.get("at")));
	}

	@SchemaMapping(typeName = "SegmentSize", field = "at")
	Instant sizeAt(Map<String, Object> size) {
		return Scalars.parseInstant(String.valueOf(size.get("at")));
	}

	private static String checked(String segmentId) {
		try {
			return UUID.fromString(segmentId).toString();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("segmentId", "not a segment id: " + segmentId);
		}
	}

}
