package dev.zielwerk.profile.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * How a message is stored as an event and described in its {@code event} stream message:
 * the name (track event, page/screen name) and the properties (identify and group keep
 * their traits, alias its previousId).
 */
final class EventPayloads {

	private EventPayloads() {
	}

	static @Nullable String name(SegmentMessage message) {
		return switch (message.kind()) {
			case TRACK -> message.event();
			case PAGE, SCREEN -> message.name();
			default -> null;
		};
	}

	static Map<String, @Nullable Object> properties(SegmentMessage message) {
		return switch (message.kind()) {
			case TRACK, PAGE, SCREEN -> message.properties();
			case IDENTIFY -> message.traits();
			case GROUP -> {
				Map<String, @Nullable Object> group = new LinkedHashMap<>(message.traits());
				group.put("groupId", message.groupId());
				yield group;
			}
			case ALIAS -> {
				Map<String, @Nullable Object> alias = new LinkedHashMap<>();
				alias.put("previousId", message.previousId());
				yield alias;
			}
		};
	}

	static Map<String, @Nullable Object> streamPayload(UUID eventId, Prepared prepared) {
		Map<String, @Nullable Object> payload = new LinkedHashMap<>();
		payload.put("eventId", eventId.toString());
		payload.put("messageId", prepared.messageId());
		payload.put("kind", prepared.message().kind().name());
		payload.put("name", name(prepared.message()));
		payload.put("properties", properties(prepared.message()));
		return payload;
	}

}
