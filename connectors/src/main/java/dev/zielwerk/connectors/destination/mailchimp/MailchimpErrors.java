package dev.zielwerk.connectors.destination.mailchimp;

import dev.zielwerk.connectors.destination.DestinationException;
import dev.zielwerk.connectors.destination.ErrorClassifier;
import dev.zielwerk.connectors.destination.RetryableDestinationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import dev.zielwerk.connectors.destination.DestinationHttp;

/**
 * Mailchimp's error answers: {@code application/problem+json}, and under heavy load a 403
 * with no body, which is a throttle rather than a permission problem.
 */
final class MailchimpErrors implements ErrorClassifier {

	private static final String NAME = "mailchimp";

	private final ErrorClassifier standard = ErrorClassifier.standard(NAME);

	@Override
	public DestinationException classify(int status, HttpHeaders headers, String body) {
		if (status == 403 && body.isBlank()) {
			return new RetryableDestinationException(NAME, status, "403", "throttled (403 without body)", null);
		}
		return this.standard.classify(status, headers, problem(body));
	}

	private static String problem(String body) {
		try {
			JsonNode json = DestinationHttp.json().readTree(body);
			if (json.has("title")) {
				return json.path("title").asString("") + ": " + json.path("detail").asString("");
			}
		}
		catch (JacksonException ex) {
			// not JSON: keep the raw body
		}
		return body;
	}

}
