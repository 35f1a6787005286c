package dev.zielwerk.profile.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import dev.zielwerk.profile.identity.Claim;
import dev.zielwerk.profile.store.TimeOrderedUuid;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks one message against the Segment spec and derives its event time. The time
 * follows Segment: {@code timestamp} when given, else {@code originalTimestamp} corrected
 * for the device's clock skew ({@code receivedAt - (sentAt - originalTimestamp)}), else
 * {@code originalTimestamp}, else the receive time.
 */
@Component
final class MessageValidator {

	private final ClaimExtractor claims;

	MessageValidator(ClaimExtractor claims) {
		this.claims = claims;
	}

	/** A {@link Prepared} message, or the {@link Rejected} outcome. */
	Validated validate(int index, SegmentMessage message, Instant receivedAt) {
		String messageId = blank(message.messageId()) ? TimeOrderedUuid.next().toString() : message.messageId();
		try {
			requireFields(message);
			Instant occurredAt = occurredAt(message, receivedAt);
			List<Claim> found = this.claims.claims(message);
			if (found.isEmpty()) {
				String field = blank(message.userId()) ? "anonymousId" : "userId";
				throw new Invalid(field,
						"no usable identifier: \""
								+ ((field.equals("userId")) ? message.userId() : message.anonymousId())
								+ "\" is a blocked value that identifies no one");
			}
			return new Prepared(index, message, messageId, occurredAt, found);
		}
		catch (Invalid invalid) {
			return new Rejected(
					MessageOutcome.rejected(index, messageId, invalid.field(), String.valueOf(invalid.getMessage())));
		}
	}

	private static void requireFields(SegmentMessage message) {
		if (blank(message.userId()) && blank(message.anonymousId())) {
			throw new Invalid("userId", "every message needs a userId or an anonymousId");
		}
		switch (message.kind()) {
			case TRACK -> {
				if (blank(message.event())) {
					throw new Invalid("event", "a track message needs an event name");
				}
			}
			case ALIAS -> {
				if (blank(message.previousId())) {
					throw new Invalid("previousId", "an alias message needs the previousId it links");
				}
			}
			case GROUP -> {
				if (blank(message.groupId())) {
					throw new Invalid("groupId", "a group message needs a groupId");
				}
			}
			default -> {
			}
		}
	}

	static Instant occurredAt(SegmentMessage message, Instant receivedAt) {
		Instant timestamp = parse("timestamp", message.timestamp());
		Instant original = parse("originalTimestamp", message.originalTimestamp());
		Instant sentAt = parse("sentAt", message.sentAt());
		if (timestamp != null) {
			return timestamp;
		}
		if (original != null) {
			return (sentAt != null) ? receivedAt.minus(Duration.between(original, sentAt)) : original;
		}
		return receivedAt;
	}

	private static @Nullable Instant parse(String field, @Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException withoutOffset) {
			try {
				// ISO-8601 without offset: analytics libraries mean UTC
				return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				throw new Invalid(field, "not an ISO-8601 date-time: \"" + value + "\"");
			}
		}
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/** The result of validating one message. */
	sealed interface Validated permits Prepared, Rejected {

	}

	/** A message that broke a rule. */
	record Rejected(MessageOutcome outcome) implements Validated {

	}

	/** A rule broken; carries the field. Never leaves this class. */
	static final class Invalid extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final String field;

		Invalid(String field, String reason) {
			super(reason, null, false, false);
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

}
