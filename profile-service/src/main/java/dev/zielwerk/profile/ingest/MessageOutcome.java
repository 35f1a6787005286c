package dev.zielwerk.profile.ingest;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one message of a call to {@link IngestService#ingest}.
 *
 * @param index position in the list given
 * @param messageId the message's id (generated when it had none)
 * @param status accepted, dropped as duplicate or suppressed, or rejected
 * @param profileId the profile the message was attached to (accepted only)
 * @param eventId the id of the stored event (accepted only)
 * @param field for rejected messages, the offending field relative to the message
 * ({@code userId}, {@code context.traits}, ...)
 * @param error for rejected messages, why
 */
public record MessageOutcome(int index, @Nullable String messageId, Status status, @Nullable UUID profileId,
		@Nullable UUID eventId, @Nullable String field, @Nullable String error) {

	/** The fate of one message. */
	public enum Status {

		/** Stored and committed with its outbox messages. */
		ACCEPTED,
		/** Its messageId was seen before (in this call or an earlier one): dropped. */
		DUPLICATE,
		/** One of its identifiers belongs to an erased person: dropped. */
		SUPPRESSED,
		/** Invalid; {@code field} and {@code error} say why. */
		REJECTED

	}

	static MessageOutcome rejected(int index, @Nullable String messageId, String field, String error) {
		return new MessageOutcome(index, messageId, Status.REJECTED, null, null, field, error);
	}

	static MessageOutcome dropped(int index, String messageId, Status status) {
		return new MessageOutcome(index, messageId, status, null, null, null, null);
	}

}
