package dev.zielwerk.profile.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One message in the Segment HTTP Tracking API spec, as parsed from JSON or built by the
 * GraphQL mutations. Timestamps stay strings here so that validation can name a bad one.
 *
 * @param kind the message type
 * @param messageId de-duplication key; generated when null
 * @param userId the known user id
 * @param anonymousId the anonymous id (cookie, device install)
 * @param event track event name
 * @param name page or screen name
 * @param previousId alias: the id the user had before
 * @param groupId group: the account or company id
 * @param traits identify/group traits
 * @param properties track/page/screen properties
 * @param context the Segment context ({@code userAgent}, {@code device}, {@code consent},
 * ...)
 * @param timestamp ISO-8601 time the event happened
 * @param originalTimestamp ISO-8601 device time of the event, corrected with
 * {@code sentAt}
 * @param sentAt ISO-8601 device time of sending
 */
public record SegmentMessage(EventKind kind, @Nullable String messageId, @Nullable String userId,
		@Nullable String anonymousId, @Nullable String event, @Nullable String name, @Nullable String previousId,
		@Nullable String groupId, Map<String, @Nullable Object> traits, Map<String, @Nullable Object> properties,
		Map<String, @Nullable Object> context, @Nullable String timestamp, @Nullable String originalTimestamp,
		@Nullable String sentAt) {

	public SegmentMessage {
		traits = Collections.unmodifiableMap(new LinkedHashMap<>(traits));
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
		context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
	}

	/** A track call, as the GraphQL {@code track} mutation sends it. */
	public static SegmentMessage track(@Nullable String userId, @Nullable String anonymousId, String event,
			Map<String, @Nullable Object> properties, @Nullable String timestamp, @Nullable String messageId) {
		return new SegmentMessage(EventKind.TRACK, messageId, userId, anonymousId, event, null, null, null, Map.of(),
				properties, Map.of(), timestamp, null, null);
	}

	/** An identify call, as the GraphQL {@code identify} mutation sends it. */
	public static SegmentMessage identify(@Nullable String userId, @Nullable String anonymousId,
			Map<String, @Nullable Object> traits, Map<String, @Nullable Object> context, @Nullable String timestamp,
			@Nullable String messageId) {
		return new SegmentMessage(EventKind.IDENTIFY, messageId, userId, anonymousId, null, null, null, null, traits,
				Map.of(), context, timestamp, null, null);
	}

}
