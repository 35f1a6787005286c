package dev.zielwerk.connectors.destination.google;

import java.time.Instant;

import dev.zielwerk.connectors.destination.BatchRejectedException;
import dev.zielwerk.connectors.destination.DestinationException;
import dev.zielwerk.connectors.destination.DestinationHttp;
import dev.zielwerk.connectors.destination.DestinationRefusedException;
import dev.zielwerk.connectors.destination.ErrorClassifier;
import dev.zielwerk.connectors.destination.RetryAfter;
import dev.zielwerk.connectors.destination.RetryableDestinationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Google Ads REST errors: {@code {"error":{code,message,status,details:[{GoogleAdsFailure
 * errors:[{errorCode:{…},message}]}]}}}. {@code CONCURRENT_MODIFICATION} (HTTP 400:
 * another job is changing the list) and {@code RESOURCE_EXHAUSTED} are transient; terms
 * not accepted and auth errors refuse the caller.
 */
final class GoogleAdsErrors implements ErrorClassifier {

	private static final String NAME = "google-ads";

	private final ErrorClassifier standard = ErrorClassifier.standard(NAME);

	@Override
	public DestinationException classify(int status, HttpHeaders headers, String body) {
		JsonNode error;
		try {
			error = DestinationHttp.json().readTree(body).path("error");
		}
		catch (JacksonException ex) {
			return this.standard.classify(status, headers, body);
		}
		if (!error.isObject()) {
			return this.standard.classify(status, headers, body);
		}
		String code = firstErrorCode(error);
		String message = error.path("message").asString("") + firstErrorMessage(error);
		String rpcStatus = error.path("status").asString("");
		if ("CONCURRENT_MODIFICATION".equals(code) || "RESOURCE_EXHAUSTED".equals(rpcStatus) || status == 429
				|| status >= 500) {
			return new RetryableDestinationException(NAME, status, code.isEmpty() ? rpcStatus : code, message,
					RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), Instant.now()));
		}
		if (status == 401 || status == 403 || "CUSTOMER_NOT_ACCEPTED_CUSTOMER_DATA_TERMS".equals(code)
				|| "NOT_FOUND".equals(rpcStatus)) {
			return new DestinationRefusedException(NAME, status, code.isEmpty() ? rpcStatus : code, message);
		}
		return new BatchRejectedException(NAME, status, code.isEmpty() ? rpcStatus : code, message);
	}

	/**
	 * The enum value of the first {@code errorCode}, e.g.
	 * {@code CONCURRENT_MODIFICATION}.
	 * @param status a {@code google.rpc.Status} JSON object
	 * @return the code, empty when none
	 */
	static String firstErrorCode(JsonNode status) {
		for (JsonNode detail : status.path("details").values()) {
			for (JsonNode failure : detail.path("errors").values()) {
				for (JsonNode value : failure.path("errorCode").values()) {
					return value.asString("");
				}
			}
		}
		return "";
	}

	private static String firstErrorMessage(JsonNode status) {
		for (JsonNode detail : status.path("details").values()) {
			for (JsonNode failure : detail.path("errors").values()) {
				return " " + failure.path("message").asString("");
			}
		}
		return "";
	}

}
