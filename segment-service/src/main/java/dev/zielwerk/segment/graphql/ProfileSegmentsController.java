package dev.zielwerk.segment.graphql;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.error.InvalidInputException;
import dev.zielwerk.segment.membership.MembershipReader;
import dev.zielwerk.segment.segments.Segment;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code Profile.segments} and {@code Profile.inSegment}: the segment keys of every
 * representation come from Redis in one batch, and the segments of all of them from
 * {@link SegmentLookup}.
 */
@Controller
final class ProfileSegmentsController {

	private final MembershipReader memberships;

	private final SegmentLookup segments;

	ProfileSegmentsController(MembershipReader memberships, SegmentLookup segments) {
		this.memberships = memberships;
		this.segments = segments;
	}

	@EntityMapping("Profile")
	Mono<List<Profile>> profiles(@Argument List<String> idList) {
		return Mono.fromCallable(() -> idList.stream().map(ProfileSegmentsController::profileId).toList())
			.flatMap((ids) -> this.memberships.segmentKeys(ids)
				.map((keys) -> ids.stream().map((id) -> new Profile(id, keys.getOrDefault(id, Set.of()))).toList()));
	}

	@SchemaMapping(typeName = "Profile", field = "id")
	String id(Profile profile) {
		return profile.id().toString();
	}

	@BatchMapping(typeName = "Profile", field = "segments")
	Mono<Map<Profile, List<Segment>>> segments(List<Profile> profiles) {
		Set<String> keys = new HashSet<>();
		profiles.forEach((profile) -> keys.addAll(profile.segmentKeys()));
		if (keys.isEmpty()) {
			Map<Profile, List<Segment>> none = new LinkedHashMap<>();
			profiles.forEach((profile) -> none.put(profile, List.of()));
			return Mono.just(none);
		}
		return this.segments.byKeys(keys).map((byKey) -> {
			Map<Profile, List<Segment>> result = new HashMap<>();
			for (Profile profile : profiles) {
				result.put(profile,
						profile.segmentKeys()
							.stream()
							.map(byKey::get)
							.filter(Objects::nonNull)
							.sorted(Comparator.comparing(Segment::key))
							.toList());
			}
			return result;
		});
	}

	@SchemaMapping(typeName = "Profile", field = "inSegment")
	boolean inSegment(Profile profile, @Argument String key) {
		return profile.segmentKeys().contains(key);
	}

	private static UUID profileId(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("representations.id", "not a profile id: " + id);
		}
	}

}
