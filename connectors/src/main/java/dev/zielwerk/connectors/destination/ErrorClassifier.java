package dev.zielwerk.connectors.destination;

import java.time.Instant;

import org.springframework.http.HttpHeaders;

/**
 * Turns a destination's non-2xx answer into the exception that says what to do about it.
 * Vendors put their throttle and transient codes in different places (Meta in HTTP 400
 * bodies, Google in {@code GoogleAdsFailure} details, Mailchimp as a bare 403), so each
 * client brings its own and falls back to {@link #standard(String)}.
 */
@FunctionalInterface
public interface ErrorClassifier {

	/**
	 * Classifies one answer.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body, empty when none
	 * @return the exception to fail the call with
	 */
	DestinationException classify(int status, HttpHeaders headers, String body);

	/**
	 * HTTP semantics only: 408, 429 and 5xx are transient (honouring
	 * {@code Retry-After}); 401, 403, 404 and 410 refuse the caller; any other 4xx
	 * rejects the batch.
	 * @param destination the destination's name
	 * @return the classifier
	 */
	static ErrorClassifier standard(String destination) {
		return (status, headers, body) -> {
			String message = body.isBlank() ? "(no body)" : abbreviate(body);
			if (status == 408 || status == 429 || status >= 500) {
				return new RetryableDestinationException(destination, status, String.valueOf(status), message,
						RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), Instant.now()));
			}
			if (status == 401 || status == 403 || status == 404 || status == 410) {
				return new DestinationRefusedException(destination, status, String.valueOf(status), message);
			}
			return new BatchRejectedException(destination, status, String.valueOf(status), message);
		};
	}

	/**
	 * Cuts a body to a length fit for an error message.
	 * @param body the body
	 * @return at most 500 characters
	 */
	static String abbreviate(String body) {
		return (body.length() <= 500) ? body : body.substring(0, 500) + "...";
	}

}
