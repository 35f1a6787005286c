package dev.zielwerk.gateway.operation;

import java.util.List;

/**
 * Carries the {@link RequestError}s that stop a request before planning.
 */
public final class RequestException extends RuntimeException {

	private final transient List<RequestError> errors;

	public RequestException(List<RequestError> errors) {
		super(errors.isEmpty() ? "invalid request" : errors.get(0).message());
		this.errors = List.copyOf(errors);
	}

	public RequestException(String message, String code) {
		this(List.of(new RequestError(message, List.of(), code)));
	}

	public List<RequestError> errors() {
		return this.errors;
	}

}
