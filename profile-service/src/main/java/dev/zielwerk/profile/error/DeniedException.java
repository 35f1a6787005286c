package dev.zielwerk.profile.error;

/**
 * A request refused for who is asking or how often, not for what it asks: the code says
 * which ({@code UNAUTHENTICATED}, {@code FORBIDDEN}, {@code RATE_LIMITED}) or that a
 * safeguard could not be checked ({@code UNAVAILABLE}: the request is refused rather than
 * let through unchecked).
 */
public final class DeniedException extends RuntimeException {

	private final String code;

	private DeniedException(String code, String message) {
		super(message);
		this.code = code;
	}

	public static DeniedException unauthenticated(String message) {
		return new DeniedException("UNAUTHENTICATED", message);
	}

	public static DeniedException forbidden(String message) {
		return new DeniedException("FORBIDDEN", message);
	}

	public static DeniedException rateLimited(String message) {
		return new DeniedException("RATE_LIMITED", message);
	}

	public static DeniedException unavailable(String message) {
		return new DeniedException("UNAVAILABLE", message);
	}

	public String code() {
		return this.code;
	}

}
