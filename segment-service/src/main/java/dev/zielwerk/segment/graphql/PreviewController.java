package dev.zielwerk.segment.graphql;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.engine.MembershipQuery;
import dev.zielwerk.segment.error.InvalidInputException;
import dev.zielwerk.segment.error.InvalidRuleException;
import dev.zielwerk.segment.membership.MembershipReader;
import dev.zielwerk.segment.segments.SegmentService;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/**
 * {@code previewSegment}: the size and a sample of a rule's audience now, saving nothing.
 */
@Controller
final class PreviewController {

	private static final int MAX_SAMPLE = 100;

	private final SegmentService segments;

	private final MembershipQuery query;

	private final MembershipReader memberships;

	private final Clock clock;

	PreviewController(SegmentService segments, MembershipQuery query, MembershipReader memberships, Clock clock) {
		this.segments = segments;
		this.query = query;
		this.memberships = memberships;
		this.clock = clock;
	}

	@QueryMapping
	Mono<Map<String, Object>> previewSegment(@Argument String rule, @Argument @Nullable Integer sample) {
		int size = (sample != null) ? sample : 10;
		if (size < 0 || size > MAX_SAMPLE) {
			return Mono.error(new InvalidInputException("sample", "must be between 0 and " + MAX_SAMPLE));
		}
		return this.segments.validate(rule, null).flatMap((result) -> {
			if (!result.isValid()) {
				return Mono.error(new InvalidRuleException("rule", result.errors()));
			}
			return this.query.members(result.ast(), this.clock.instant()).flatMap((members) -> {
				List<UUID> picked = members.stream().sorted().limit(size).toList();
				return this.memberships.segmentKeys(picked)
					.map((keys) -> Map.of("size", members.size(), "sample",
							picked.stream().map((id) -> new Profile(id, keys.getOrDefault(id, Set.of()))).toList()));
			});
		});
	}

}
