package dev.zielwerk.profile.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads one Segment-spec message from its parsed JSON object, checking the JSON types
 * (ids may be strings or numbers, traits/properties/context objects, timestamps strings).
 * Batch-level {@code context} and {@code sentAt} apply to every message of a batch, as
 * analytics-node sends them.
 */
final class SegmentJson {

	private SegmentJson() {
	}

	/** A message read, or the field and reason why it cannot be. */
	record Read(@Nullable SegmentMessage message, @Nullable String messageId, @Nullable String field,
			@Nullable String error) {

		static Read failed(@Nullable String messageId, String field, String error) {
			return new Read(null, messageId, field, error);
		}

	}

	static Read read(@Nullable Object item, @Nullable EventKind forced, Map<String, @Nullable Object> batchContext,
			@Nullable Object batchSentAt) {
		if (!(item instanceof Map<?, ?> raw)) {
			return Read.failed(null, "", "a message must be a JSON object");
		}
		Map<String, @Nullable Object> json = new LinkedHashMap<>();
		raw.forEach((k, v) -> json.put(String.valueOf(k), v));
		String messageId = (json.get("messageId") instanceof String id) ? id : null;
		try {
			EventKind kind = (forced != null) ? forced : kind(json.get("type"));
			Map<String, @Nullable Object> context = new LinkedHashMap<>(batchContext);
			context.putAll(object(json, "context"));
			return new Read(
					new SegmentMessage(kind, id(json, "messageId"), id(json, "userId"), id(json, "anonymousId"),
							text(json, "event"), text(json, "name"), id(json, "previousId"), id(json, "groupId"),
							object(json, "traits"), object(json, "properties"), context, text(json, "timestamp"),
							text(json, "originalTimestamp"),
							(json.get("sentAt") != null) ? text(json, "sentAt") : textOrNull(batchSentAt)),
					messageId, null, null);
		}
		catch (MessageValidator.Invalid invalid) {
			return Read.failed(messageId, invalid.field(), String.valueOf(invalid.getMessage()));
		}
	}

	private static EventKind kind(@Nullable Object type) {
		if (!(type instanceof String name)) {
			throw new MessageValidator.Invalid("type", "required: one of track, identify, page, screen, group, alias");
		}
		return EventKind.fromType(name)
			.orElseThrow(() -> new MessageValidator.Invalid("type",
					"unknown type \"" + name + "\"; expected track, identify, page, screen, group or alias"));
	}

	private static @Nullable String id(Map<String, @Nullable Object> json, String field) {
		Object value = json.get(field);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		if (value instanceof Number number) {
			return number.toString();
		}
		throw new MessageValidator.Invalid(field, "must be a string or a number");
	}

	private static @Nullable String text(Map<String, @Nullable Object> json, String field) {
		Object value = json.get(field);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw new MessageValidator.Invalid(field, "must be a string");
	}

	private static @Nullable String textOrNull(@Nullable Object value) {
		return (value instanceof String text) ? text : null;
	}

	private static Map<String, @Nullable Object> object(Map<String, @Nullable Object> json, String field) {
		Object value = json.get(field);
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		if (value == null) {
			return result;
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw new MessageValidator.Invalid(field, "must be a JSON object");
		}
		map.forEach((k, v) -> result.put(String.valueOf(k), v));
		return result;
	}

}
