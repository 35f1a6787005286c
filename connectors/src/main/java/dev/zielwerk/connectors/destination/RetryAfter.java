package dev.zielwerk.connectors.destination;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Reads an HTTP {@code Retry-After} value: delay seconds or an HTTP-date (RFC 9110
 * 10.2.3).
 */
public final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * The wait a {@code Retry-After} value asks for.
	 * @param value the header value, or {@code null}
	 * @param now the current instant, for HTTP-dates
	 * @return the wait (never negative), or {@code null} when absent or unreadable
	 */
	public static @Nullable Duration parse(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			return Duration.ofSeconds(Long.parseLong(trimmed));
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(now, at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
