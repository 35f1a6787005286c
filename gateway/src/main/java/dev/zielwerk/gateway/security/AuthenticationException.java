package dev.zielwerk.gateway.security;

/**
 * The caller sent credentials that are not valid: the request is refused with HTTP 401
 * and {@code extensions.code} {@value #CODE}. The message says what is wrong without
 * echoing the credentials.
 */
public class AuthenticationException extends RuntimeException {

	/** The GraphQL error code of a refused credential. */
	public static final String CODE = "UNAUTHENTICATED";

	private static final long serialVersionUID = 1L;

	public AuthenticationException(String message) {
		super(message);
	}

}
