package dev.zielwerk.profile.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import dev.zielwerk.profile.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * Opaque cursors: URL-safe base64 of the keyset position, so clients cannot build
 * positions by hand and the encoding can change without breaking the API.
 */
public final class Cursors {

	private Cursors() {
	}

	/** The cursor of an item ordered by (time, id). */
	public static String of(Instant time, UUID id) {
		return encode(time + "|" + id);
	}

	/** The cursor of an item ordered by id alone. */
	public static String of(UUID id) {
		return encode(id.toString());
	}

	public static TimePosition timePosition(String field, String cursor) {
		String text = decode(field, cursor);
		int bar = text.indexOf('|');
		try {
			if (bar < 0) {
				throw new IllegalArgumentException("no separator");
			}
			return new TimePosition(Instant.parse(text.substring(0, bar)), UUID.fromString(text.substring(bar + 1)));
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw invalid(field);
		}
	}

	public static UUID idPosition(String field, String cursor) {
		try {
			return UUID.fromString(decode(field, cursor));
		}
		catch (IllegalArgumentException ex) {
			throw invalid(field);
		}
	}

	/** Checks {@code first} against the allowed page sizes. */
	public static int pageSize(String field, @Nullable Integer first) {
		int size = (first != null) ? first : 20;
		if (size < 1 || size > Page.MAX_SIZE) {
			throw new InvalidInputException(field, "must be between 1 and " + Page.MAX_SIZE + ", was " + size);
		}
		return size;
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String field, String cursor) {
		try {
			return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(field);
		}
	}

	private static InvalidInputException invalid(String field) {
		return new InvalidInputException(field, "not a cursor returned by this API");
	}

	/** A keyset position in a list ordered by time, then id. */
	public record TimePosition(Instant time, UUID id) {
	}

}
