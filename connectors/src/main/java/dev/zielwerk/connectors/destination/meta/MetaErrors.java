package dev.zielwerk.connectors.destination.meta;

import java.time.Duration;
import java.util.Set;

import dev.zielwerk.connectors.destination.BatchRejectedException;
import dev.zielwerk.connectors.destination.DestinationException;
import dev.zielwerk.connectors.destination.DestinationHttp;
import dev.zielwerk.connectors.destination.DestinationRefusedException;
import dev.zielwerk.connectors.destination.ErrorClassifier;
import dev.zielwerk.connectors.destination.RetryableDestinationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Meta's errors: {@code {"error":{message,type,code,error_subcode,…}}}. Throttles arrive
 * as HTTP 400 with codes 4, 17, 613 or 80003 (custom-audience bucket), so the code, not
 * the status, decides; the wait comes from {@code X-Business-Use-Case-Usage}
 * ({@code estimated_time_to_regain_access}, minutes).
 */
final class MetaErrors implements ErrorClassifier {

	private static final String NAME = "meta";

	/** Throttling and "temporary" codes. */
	private static final Set<Integer> TRANSIENT = Set.of(1, 2, 4, 17, 341, 613, 80003);

	/** Token, permission and terms-of-service codes. */
	private static final Set<Integer> REFUSED = Set.of(10, 102, 190, 200, 294);

	private final ErrorClassifier standard = ErrorClassifier.standard(NAME);

	@Override
	public DestinationException classify(int status, HttpHeaders headers, String body) {
		JsonNode error = parse(body).path("error");
		if (!error.isObject()) {
			return this.standard.classify(status, headers, body);
		}
		int code = error.path("code").asInt(0);
		int subcode = error.path("error_subcode").asInt(0);
		String codes = (subcode != 0) ? code + "/" + subcode : String.valueOf(code);
		String message = error.path("message").asString("");
		// 2650/1870145: another update of the audience is in progress
		if (TRANSIENT.contains(code) || (code == 2650 && subcode == 1870145) || status == 429 || status >= 500) {
			return new RetryableDestinationException(NAME, status, codes, message, regainAccess(headers));
		}
		if (REFUSED.contains(code) || status == 401 || status == 403) {
			return new DestinationRefusedException(NAME, status, codes, message);
		}
		return new BatchRejectedException(NAME, status, codes, message);
	}

	private static @Nullable Duration regainAccess(HttpHeaders headers) {
		JsonNode usage = parse(headers.getFirst("X-Business-Use-Case-Usage"));
		long minutes = 0;
		for (JsonNode entries : usage.values()) {
			for (JsonNode entry : entries.values()) {
				minutes = Math.max(minutes, entry.path("estimated_time_to_regain_access").asLong(0));
			}
		}
		return (minutes > 0) ? Duration.ofMinutes(minutes) : null;
	}

	private static JsonNode parse(@Nullable String json) {
		if (json == null || json.isBlank()) {
			return DestinationHttp.json().createObjectNode();
		}
		try {
			return DestinationHttp.json().readTree(json);
		}
		catch (JacksonException ex) {
			return DestinationHttp.json().createObjectNode();
		}
	}

}
