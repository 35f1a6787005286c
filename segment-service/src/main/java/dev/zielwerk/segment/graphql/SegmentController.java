package dev.zielwerk.segment.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.segment.error.InvalidInputException;
import dev.zielwerk.segment.rule.ParseResult;
import dev.zielwerk.segment.rule.RuleJson;
import dev.zielwerk.segment.rule.RulePrinter;
import dev.zielwerk.segment.segments.Segment;
import dev.zielwerk.segment.segments.SegmentRepository;
import dev.zielwerk.segment.segments.SegmentService;
import dev.zielwerk.segment.segments.SegmentWarnings;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Segments: queries, mutations, rule validation, and {@code Segment} as an entity. */
@Controller
final class SegmentController {

	private static final int MAX_PAGE = 100;

	private final SegmentRepository segments;

	private final SegmentService service;

	private final JsonMapper json;

	private final SegmentWarnings warnings;

	SegmentController(SegmentRepository segments, SegmentService service, JsonMapper json, SegmentWarnings warnings) {
		this.segments = segments;
		this.service = service;
		this.json = json;
		this.warnings = warnings;
	}

	@QueryMapping
	Mono<Segment> segment(@Argument String id) {
		return this.segments.findById(segmentId("id", id));
	}

	@QueryMapping
	Mono<Segment> segmentByKey(@Argument String key) {
		return this.segments.findByKey(key);
	}

	@EntityMapping("Segment")
	Mono<Segment> segmentEntity(@Argument String id) {
		return this.segments.findById(segmentId("representations.id", id));
	}

	@QueryMapping
	Mono<Map<String, Object>> segments(@Argument @Nullable Integer first, @Argument @Nullable String after) {
		int limit = (first != null) ? first : 20;
		if (limit < 0 || limit > MAX_PAGE) {
			return Mono.error(new InvalidInputException("first", "must be between 0 and " + MAX_PAGE));
		}
		String afterKey = (after != null) ? decodeCursor(after) : null;
		return this.segments.page(limit + 1, afterKey).collectList().zipWith(this.segments.count()).map((page) -> {
			List<Segment> rows = page.getT1();
			boolean more = rows.size() > limit;
			List<Segment> shown = more ? rows.subList(0, limit) : rows;
			List<Map<String, Object>> edges = shown.stream()
				.map((segment) -> Map.<String, Object>of("cursor", cursor(segment.key()), "node", segment))
				.toList();
			Map<String, Object> pageInfo = new LinkedHashMap<>();
			pageInfo.put("hasNextPage", more);
			pageInfo.put("endCursor", shown.isEmpty() ? null : cursor(shown.get(shown.size() - 1).key()));
			Map<String, Object> connection = new LinkedHashMap<>();
			connection.put("edges", edges);
			connection.put("pageInfo", pageInfo);
			connection.put("totalCount", page.getT2());
			return connection;
		});
	}

	@QueryMapping
	Mono<Map<String, Object>> validateRule(@Argument String rule, @Argument @Nullable String key) {
		return this.service.validate(rule, key).map(SegmentController::validation);
	}

	@SchemaMapping(typeName = "Segment", field = "id")
	String id(Segment segment) {
		return segment.id().toString();
	}

	@SchemaMapping(typeName = "Segment", field = "warnings")
	List<String> warnings(Segment segment) {
		return this.warnings.of(segment);
	}

	@SchemaMapping(typeName = "Segment", field = "rule")
	Map<String, Object> rule(Segment segment) {
		return Map.of("text", segment.ruleText(), "ast", this.json.readValue(segment.ruleAst(), Object.class));
	}

	@MutationMapping
	Mono<Segment> createSegment(@Argument Map<String, Object> input) {
		return Mono.defer(() -> this.service.create(required(input, "key"), required(input, "name"),
				optional(input, "description"), required(input, "rule")));
	}

	@MutationMapping
	Mono<Segment> updateSegment(@Argument String id, @Argument Map<String, Object> input) {
		return Mono.defer(() -> this.service.update(segmentId("id", id), optional(input, "name"),
				optional(input, "description"), optional(input, "rule")));
	}

	@MutationMapping
	Mono<Segment> pauseSegment(@Argument String id) {
		return Mono.defer(() -> this.service.pause(segmentId("id", id)));
	}

	@MutationMapping
	Mono<Segment> resumeSegment(@Argument String id) {
		return Mono.defer(() -> this.service.resume(segmentId("id", id)));
	}

	@MutationMapping
	Mono<String> deleteSegment(@Argument String id) {
		return Mono.defer(() -> this.service.delete(segmentId("id", id))).map(UUID::toString);
	}

	private static Map<String, Object> validation(ParseResult result) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("valid", result.isValid());
		answer.put("errors",
				result.errors()
					.stream()
					.map((error) -> Map.of("line", error.line(), "column", error.column(), "found", error.found(),
							"message", error.message()))
					.toList());
		answer.put("ast", result.isValid() ? RuleJson.toJson(result.rule()) : null);
		answer.put("canonical", result.isValid() ? RulePrinter.print(result.ast()) : null);
		return answer;
	}

	private static String required(Map<String, Object> input, String name) {
		Object value = input.get(name);
		if (value == null) {
			throw new InvalidInputException("input." + name, "is required");
		}
		return value.toString();
	}

	private static @Nullable String optional(Map<String, Object> input, String name) {
		Object value = input.get(name);
		return (value != null) ? value.toString() : null;
	}

	private static UUID segmentId(String field, String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException(field, "not a segment id: " + id);
		}
	}

	private static String cursor(String key) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
	}

	private static String decodeCursor(String cursor) {
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("after", "not a cursor from this API");
		}
	}

}
