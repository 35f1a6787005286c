package dev.zielwerk.profile.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.events.EventReader;
import dev.zielwerk.profile.events.ProfileEvent;
import dev.zielwerk.profile.ingest.EventKind;
import dev.zielwerk.profile.ingest.IngestService;
import dev.zielwerk.profile.ingest.MessageOutcome;
import dev.zielwerk.profile.ingest.SegmentMessage;
import dev.zielwerk.profile.profiles.Profile;
import dev.zielwerk.profile.profiles.ProfileReader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The {@code identify} and {@code track} mutations: the same ingestion path as the
 * Segment-spec HTTP endpoints, so a message means the same whichever door it came in by.
 */
@Controller
final class IngestionController {

	static final String SOURCE = "graphql";

	private final IngestService ingestion;

	private final ProfileReader profiles;

	private final EventReader events;

	IngestionController(IngestService ingestion, ProfileReader profiles, EventReader events) {
		this.ingestion = ingestion;
		this.profiles = profiles;
		this.events = events;
	}

	@MutationMapping
	Mono<Profile> identify(@Argument Map<String, @Nullable Object> input) {
		return Mono.fromCallable(() -> identifyMessage(input))
			.flatMap((message) -> this.ingestion.ingestOne(message, SOURCE))
			.map(IngestionController::accepted)
			.flatMap((outcome) -> this.profiles.findById(requireNonNull(outcome.profileId())));
	}

	@MutationMapping
	Mono<ProfileEvent> track(@Argument Map<String, @Nullable Object> input) {
		return Mono
			.fromCallable(() -> new SegmentMessage(EventKind.TRACK, string(input, "messageId"), string(input, "userId"),
					string(input, "anonymousId"), string(input, "event"), null, null, null, Map.of(),
					map(input, "properties"), map(input, "context"), timestamp(input), null, null))
			.flatMap((message) -> this.ingestion.ingestOne(message, SOURCE))
			.map(IngestionController::accepted)
			.flatMap((outcome) -> this.events.findById(requireNonNull(outcome.eventId())));
	}

	private static SegmentMessage identifyMessage(Map<String, @Nullable Object> input) {
		String userId = string(input, "userId");
		String anonymousId = string(input, "anonymousId");
		Map<String, @Nullable Object> traits = new LinkedHashMap<>(map(input, "traits"));
		Map<String, @Nullable Object> context = new LinkedHashMap<>();
		List<Map<String, String>> externalIds = new ArrayList<>();
		Object identities = input.get("identities");
		if (identities instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				if (!(list.get(i) instanceof Map<?, ?> identity)) {
					continue;
				}
				String field = "input.identities[" + i + "]";
				String type = String.valueOf(identity.get("type"));
				String value = String.valueOf(identity.get("value"));
				switch (type) {
					case "USER_ID" -> userId = single(field, "USER_ID", userId, value);
					case "ANONYMOUS_ID" -> anonymousId = single(field, "ANONYMOUS_ID", anonymousId, value);
					case "EMAIL" -> traits.put("email", single(field, "EMAIL", string(traits, "email"), value));
					case "PHONE" -> traits.put("phone", single(field, "PHONE", string(traits, "phone"), value));
					case "DEVICE_ID" -> context.put("device", Map.of("id", value));
					default -> externalIds.add(custom(field, value));
				}
			}
		}
		if (!externalIds.isEmpty()) {
			context.put("externalIds", externalIds);
		}
		return new SegmentMessage(EventKind.IDENTIFY, string(input, "messageId"), userId, anonymousId, null, null, null,
				null, traits, Map.of(), context, timestamp(input), null, null);
	}

	private static String single(String field, String type, @Nullable String existing, String value) {
		if (existing != null && !existing.equals(value)) {
			throw new InvalidInputException(field,
					"a second " + type + " (\"" + value + "\") in one identify call; send one per call");
		}
		return value;
	}

	private static Map<String, String> custom(String field, String value) {
		int colon = value.indexOf(':');
		if (colon < 1 || colon == value.length() - 1) {
			throw new InvalidInputException(field + ".value", "a CUSTOM identifier is written namespace:value");
		}
		return Map.of("type", value.substring(0, colon), "id", value.substring(colon + 1));
	}

	private static MessageOutcome accepted(MessageOutcome outcome) {
		return switch (outcome.status()) {
			case ACCEPTED -> outcome;
			case DUPLICATE -> throw new InvalidInputException("input.messageId",
					"message \"" + outcome.messageId() + "\" was already ingested; nothing was changed");
			case SUPPRESSED -> throw new InvalidInputException("input",
					"the identifiers belong to an erased person; suppression drops their messages");
			case REJECTED ->
				throw new InvalidInputException(String.valueOf(outcome.field()), String.valueOf(outcome.error()));
		};
	}

	private static <T> T requireNonNull(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("an accepted message always has a profile and an event");
		}
		return value;
	}

	private static @Nullable String timestamp(Map<String, @Nullable Object> input) {
		Object value = input.get("timestamp");
		return (value instanceof Instant instant) ? instant.toString() : null;
	}

	private static @Nullable String string(Map<String, @Nullable Object> input, String key) {
		Object value = input.get(key);
		return (value != null) ? value.toString() : null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, @Nullable Object> map(Map<String, @Nullable Object> input, String key) {
		Object value = input.get(key);
		if (value == null) {
			return Map.of();
		}
		if (value instanceof Map<?, ?> map) {
			return (Map<String, @Nullable Object>) map;
		}
		throw new InvalidInputException("input." + key, "must be a JSON object");
	}

}
