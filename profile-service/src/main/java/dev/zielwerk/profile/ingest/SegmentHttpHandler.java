package dev.zielwerk.profile.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The Segment HTTP Tracking API. Answers:
 * <ul>
 * <li>200 {@code {"success":true}}: every message is committed (or was a duplicate or
 * suppressed, which are dropped on purpose);</li>
 * <li>400 {@code {"success":false,"accepted":N,"errors":[...]}}: at least one message was
 * rejected, each error naming its index, messageId, field ({@code batch[3].userId}) and
 * reason; the other N messages ARE committed. 400 rather than 200 because a client must
 * notice lost data, and Segment SDKs do not retry a 400, so nothing is sent twice (a
 * resend would be de-duplicated by messageId anyway);</li>
 * <li>401 for a missing or unknown write key, 413 for a body over the limit (500 KB
 * batch, 32 KB single message).</li>
 * </ul>
 */
@Component
final class SegmentHttpHandler {

	private static final TypeReference<Map<String, @Nullable Object>> OBJECT = new TypeReference<>() {
	};

	private final IngestService ingest;

	private final IngestProperties properties;

	private final JsonMapper json;

	SegmentHttpHandler(IngestService ingest, IngestProperties properties, JsonMapper json) {
		this.ingest = ingest;
		this.properties = properties;
		this.json = json;
	}

	/** {@code kind} null: {@code /v1/batch}. */
	Mono<ServerResponse> handle(ServerRequest request, @Nullable EventKind kind) {
		int limit = (kind != null) ? this.properties.messageLimit() : this.properties.batchLimit();
		if (request.headers().contentLength().orElse(-1) > limit) {
			return tooLarge(limit);
		}
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), limit).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return Optional.of(bytes);
		})
			.defaultIfEmpty(Optional.of(new byte[0]))
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(Optional.empty()))
			.flatMap((body) -> body.isPresent() ? process(request, kind, body.get()) : tooLarge(limit));
	}

	private Mono<ServerResponse> process(ServerRequest request, @Nullable EventKind kind, byte[] bytes) {
		String headerKey = basicUser(request.headers().firstHeader(HttpHeaders.AUTHORIZATION));
		if (headerKey != null && !this.properties.accepts(headerKey)) {
			return unauthorized();
		}
		Map<String, @Nullable Object> body;
		try {
			body = this.json.readValue(bytes, OBJECT);
		}
		catch (JacksonException ex) {
			return (headerKey == null) ? unauthorized()
					: error(HttpStatus.BAD_REQUEST, "body", "not a JSON object: " + ex.getOriginalMessage());
		}
		String writeKey = (headerKey != null) ? headerKey : (body.get("writeKey") instanceof String key) ? key : null;
		if (writeKey == null || !this.properties.accepts(writeKey)) {
			return unauthorized();
		}
		List<@Nullable Object> items = new ArrayList<>();
		Map<String, @Nullable Object> batchContext = new LinkedHashMap<>();
		Object sentAt = null;
		if (kind == null) {
			if (!(body.get("batch") instanceof List<?> batch) || batch.isEmpty()) {
				return error(HttpStatus.BAD_REQUEST, "batch", "must be a non-empty array of messages");
			}
			items.addAll(batch);
			if (body.get("context") instanceof Map<?, ?> context) {
				context.forEach((k, v) -> batchContext.put(String.valueOf(k), v));
			}
			sentAt = body.get("sentAt");
		}
		else {
			items.add(body);
		}
		return ingest(kind, items, batchContext, sentAt, bytes.length, this.properties.sourceOf(writeKey));
	}

	private Mono<ServerResponse> ingest(@Nullable EventKind kind, List<@Nullable Object> items,
			Map<String, @Nullable Object> batchContext, @Nullable Object sentAt, int bodyBytes, String source) {
		String prefix = (kind == null) ? "batch[%d]" : "";
		List<Map<String, @Nullable Object>> errors = new ArrayList<>();
		List<SegmentMessage> messages = new ArrayList<>();
		List<Integer> positions = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			SegmentJson.Read read = SegmentJson.read(items.get(i), kind, batchContext, sentAt);
			String tooBig = (kind == null && bodyBytes > this.properties.messageLimit()) ? sizeError(items.get(i))
					: null;
			if (tooBig != null) {
				errors.add(errorOf(i, read.messageId(), path(prefix, i, ""), tooBig));
			}
			else if (read.message() == null) {
				errors.add(errorOf(i, read.messageId(), path(prefix, i, read.field()), String.valueOf(read.error())));
			}
			else {
				messages.add(read.message());
				positions.add(i);
			}
		}
		return this.ingest.ingest(messages, source).flatMap((result) -> {
			for (MessageOutcome outcome : result.rejected()) {
				int i = positions.get(outcome.index());
				errors.add(errorOf(i, outcome.messageId(), path(prefix, i, outcome.field()),
						String.valueOf(outcome.error())));
			}
			if (errors.isEmpty()) {
				return respond(HttpStatus.OK, Map.of("success", true));
			}
			errors.sort(Comparator.comparingInt((e) -> (Integer) e.getOrDefault("index", 0)));
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("success", false);
			answer.put("accepted", result.accepted());
			answer.put("errors", errors);
			return respond(HttpStatus.BAD_REQUEST, answer);
		});
	}

	private @Nullable String sizeError(@Nullable Object item) {
		int size = this.json.writeValueAsBytes(item).length;
		return (size > this.properties.messageLimit())
				? "message is " + size + " bytes; the limit is " + this.properties.messageLimit() + " bytes" : null;
	}

	private static String path(String prefix, int index, @Nullable String field) {
		String message = prefix.isEmpty() ? "" : String.format(prefix, index);
		if (field == null || field.isEmpty()) {
			return message.isEmpty() ? "body" : message;
		}
		return message.isEmpty() ? field : message + "." + field;
	}

	private static Map<String, @Nullable Object> errorOf(int index, @Nullable String messageId, String field,
			String message) {
		Map<String, @Nullable Object> error = new LinkedHashMap<>();
		error.put("index", index);
		error.put("messageId", messageId);
		error.put("field", field);
		error.put("message", message);
		return error;
	}

	private static @Nullable String basicUser(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			return (colon >= 0) ? decoded.substring(0, colon) : decoded;
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	private Mono<ServerResponse> unauthorized() {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", false);
		answer.put("error", "unauthorized");
		answer.put("message", "missing or unknown write key: send it as the Basic auth user name (empty password) "
				+ "or as \"writeKey\" in the body");
		return respond(HttpStatus.UNAUTHORIZED, answer);
	}

	private Mono<ServerResponse> tooLarge(int limit) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", false);
		answer.put("error", "payload_too_large");
		answer.put("message", "request body exceeds " + limit + " bytes");
		return respond(HttpStatus.CONTENT_TOO_LARGE, answer);
	}

	private Mono<ServerResponse> error(HttpStatus status, String field, String message) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("success", false);
		answer.put("accepted", 0);
		answer.put("errors", List.of(errorOf(0, null, field, message)));
		return respond(status, answer);
	}

	private Mono<ServerResponse> respond(HttpStatus status, Map<String, ?> answer) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.json.writeValueAsBytes(answer));
	}

}
