package dev.zielwerk.segment.graphql;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.error.InvalidInputException;
import dev.zielwerk.segment.membership.MembershipReader;
import dev.zielwerk.segment.membership.SizeHistory;
import dev.zielwerk.segment.segments.Segment;
import dev.zielwerk.segment.store.Binds;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Controller;

/**
 * {@code Segment.members}, {@code Segment.sizeHistory} and {@code Segment.computation},
 * from PostgreSQL.
 */
@Controller
final class SegmentDetailsController {

	private static final int MAX_PAGE = 1000;

	private final DatabaseClient database;

	private final MembershipReader memberships;

	private final SizeHistory history;

	SegmentDetailsController(DatabaseClient database, MembershipReader memberships, SizeHistory history) {
		this.database = database;
		this.memberships = memberships;
		this.history = history;
	}

	@SchemaMapping(typeName = "Segment", field = "members")
	Mono<Map<String, Object>> members(Segment segment, @Argument @Nullable Integer first,
			@Argument @Nullable String after, @Argument @Nullable List<String> profileIds) {
		int limit = (first != null) ? first : 20;
		if (limit < 0 || limit > MAX_PAGE) {
			return Mono.error(new InvalidInputException("first", "must be between 0 and " + MAX_PAGE));
		}
		UUID afterId = (after != null) ? cursor(after) : null;
		UUID[] only = (profileIds != null) ? profileIds(profileIds) : null;
		return Binds.nullable(Binds.nullable(this.database.sql("""
				SELECT profile_id, since FROM memberships
				WHERE segment_key = $1 AND ($2::uuid IS NULL OR profile_id > $2::uuid)
				  AND ($4::uuid[] IS NULL OR profile_id = ANY($4::uuid[]))
				ORDER BY profile_id LIMIT $3
				"""), 1, afterId, UUID.class), 3, only, UUID[].class)
			.bind(0, segment.key())
			.bind(2, limit + 1)
			.map((row) -> Map.entry(row.get("profile_id", UUID.class), row.get("since", OffsetDateTime.class)))
			.all()
			.collectList()
			.flatMap((rows) -> {
				boolean more = rows.size() > limit;
				List<Map.Entry<UUID, OffsetDateTime>> shown = more ? rows.subList(0, limit) : rows;
				List<UUID> ids = shown.stream().map(Map.Entry::getKey).toList();
				return this.memberships.segmentKeys(ids).map((keys) -> {
					List<Map<String, Object>> edges = shown.stream()
						.map((row) -> Map.<String, Object>of("cursor", row.getKey().toString(), "node",
								new Profile(row.getKey(), keys.getOrDefault(row.getKey(), Set.of())), "since",
								row.getValue().toInstant()))
						.toList();
					Map<String, Object> pageInfo = new LinkedHashMap<>();
					pageInfo.put("hasNextPage", more);
					pageInfo.put("endCursor", ids.isEmpty() ? null : ids.get(ids.size() - 1).toString());
					Map<String, Object> connection = new LinkedHashMap<>();
					connection.put("edges", edges);
					connection.put("pageInfo", pageInfo);
					connection.put("totalCount", segment.size());
					return connection;
				});
			});
	}

	@SchemaMapping(typeName = "Segment", field = "computation")
	Mono<Map<String, Object>> computation(Segment segment) {
		return this.database.sql("""
				SELECT profiles_done, profiles_total, started_at, finished_at FROM segment_computations
				WHERE segment_id = $1
				""").bind(0, segment.id()).map((row) -> {
			Map<String, Object> computation = new LinkedHashMap<>();
			computation.put("profilesDone", row.get("profiles_done", Long.class));
			computation.put("profilesTotal", row.get("profiles_total", Long.class));
			computation.put("startedAt", instant(row.get("started_at", OffsetDateTime.class)));
			computation.put("finishedAt", instant(row.get("finished_at", OffsetDateTime.class)));
			return computation;
		}).one();
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	@SchemaMapping(typeName = "Segment", field = "sizeHistory")
	Mono<List<SizeHistory.Point>> sizeHistory(Segment segment, @Argument Instant from, @Argument Instant to,
			@Argument @Nullable String interval) {
		if (!from.isBefore(to)) {
			return Mono.error(new InvalidInputException("from", "must be before to"));
		}
		Duration width = switch ((interval != null) ? interval : "DAY") {
			case "HOUR" -> Duration.ofHours(1);
			case "WEEK" -> Duration.ofDays(7);
			default -> Duration.ofDays(1);
		};
		return this.history.points(segment.id(), segment.size(), from, to, width);
	}

	private static UUID[] profileIds(List<String> ids) {
		UUID[] parsed = new UUID[ids.size()];
		for (int i = 0; i < ids.size(); i++) {
			try {
				parsed[i] = UUID.fromString(ids.get(i));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("profileIds[" + i + "]", "not a profile id (a UUID)");
			}
		}
		return parsed;
	}

	private static UUID cursor(String after) {
		try {
			return UUID.fromString(after);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("after", "not a cursor from this API");
		}
	}

}
