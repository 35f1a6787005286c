package dev.zielwerk.connectors.destination;

/**
 * A destination answered with an error for a whole request. The subclass says what the
 * caller may do about it: retry later, split the batch, or give up.
 * <p>
 * Messages carry the destination's error text and code, never request bodies.
 */
public abstract sealed class DestinationException extends RuntimeException
		permits RetryableDestinationException, BatchRejectedException, DestinationRefusedException {

	private final String destination;

	private final int status;

	private final String code;

	protected DestinationException(String destination, int status, String code, String message) {
		super(destination + " answered " + status + " " + code + ": " + withoutEmails(message));
		this.destination = destination;
		this.status = status;
		this.code = code;
	}

	/**
	 * Vendors quote addresses in error bodies; exceptions end up in logs, so they never
	 * carry one.
	 * @param message the vendor message
	 * @return the message with e-mail addresses replaced by {@code <email>}
	 */
	static String withoutEmails(String message) {
		return message.replaceAll("[^\\s\"'<>@:,\\[\\]{}]+@[^\\s\"'<>@:,\\[\\]{}]+", "<email>");
	}

	public String destination() {
		return this.destination;
	}

	/**
	 * The HTTP status, or 0 when the failure was not an HTTP answer.
	 * @return the status
	 */
	public int status() {
		return this.status;
	}

	/**
	 * The destination's error code ({@code ERROR_GENERIC}, {@code 80003},
	 * {@code CONCURRENT_MODIFICATION}, ...) or the HTTP status as text.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * The destination's message without the prefix this exception adds.
	 * @return the reason
	 */
	public String reason() {
		String message = getMessage();
		int colon = (message != null) ? message.indexOf(": ") : -1;
		return (colon >= 0) ? message.substring(colon + 2) : String.valueOf(message);
	}

}
