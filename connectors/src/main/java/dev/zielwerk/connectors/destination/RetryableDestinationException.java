package dev.zielwerk.connectors.destination;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A throttle (429 and vendor throttle codes), a server error (5xx) or a transient vendor
 * condition (Google {@code CONCURRENT_MODIFICATION}): the same request may succeed later,
 * no earlier than {@link #retryAfter()} when the destination said so.
 */
public final class RetryableDestinationException extends DestinationException {

	private final @Nullable Duration retryAfter;

	public RetryableDestinationException(String destination, int status, String code, String message,
			@Nullable Duration retryAfter) {
		super(destination, status, code, message);
		this.retryAfter = retryAfter;
	}

	/**
	 * The wait the destination asked for ({@code Retry-After} or an equivalent), or
	 * {@code null}.
	 * @return the wait
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

}
