package dev.zielwerk.gateway.limits;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Apollo Router's CSRF prevention: a browser sends a cross-site request without a CORS
 * preflight only with a "simple" content type, so a request is accepted only with a
 * content type that is not simple or with a header a browser never adds on its own.
 */
public final class CsrfPrevention {

	private static final Set<String> SIMPLE_TYPES = Set.of("text/plain", "application/x-www-form-urlencoded",
			"multipart/form-data");

	/** The answer to a request that is refused. */
	public static final String MESSAGE = "This request has been blocked as a potential Cross-Site Request Forgery "
			+ "(CSRF). Send it with a Content-Type other than text/plain, application/x-www-form-urlencoded or "
			+ "multipart/form-data (application/json for POST), or with a non-empty x-apollo-operation-name or "
			+ "apollo-require-preflight header.";

	private CsrfPrevention() {
	}

	/**
	 * Whether a request has been preflighted by a browser (or does not come from one).
	 * @param headers the request headers
	 * @param requiredHeaders headers any of which, when present and not empty, is enough
	 * @return true when the request may run
	 */
	public static boolean isPreflighted(HttpHeaders headers, List<String> requiredHeaders) {
		for (String name : requiredHeaders) {
			String value = headers.getFirst(name);
			if (value != null && !value.isEmpty()) {
				return true;
			}
		}
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return !SIMPLE_TYPES.contains((type.getType() + '/' + type.getSubtype()).toLowerCase(Locale.ROOT));
		}
		catch (InvalidMediaTypeException ex) {
			// a browser only sends what it can parse as a simple type without preflight
			return true;
		}
	}

}
