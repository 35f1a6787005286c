package dev.zielwerk.gateway.subscription;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Picks the configured headers to forward to the subgraph leg, from the client's
 * {@code connection_init} payload (top-level entries or a {@code headers} object, which
 * is where browser clients put credentials they cannot send as upgrade headers) or else
 * the upgrade or SSE request's headers. Names match case-insensitively and keep the
 * configured spelling.
 */
final class ForwardedHeaders {

	private ForwardedHeaders() {
	}

	static Map<String, String> pick(List<String> names, Map<String, Object> payload, HttpHeaders headers,
			Map<String, String> added) {
		Map<String, String> forwarded = new LinkedHashMap<>();
		for (String name : names) {
			String value = fromPayload(payload, name);
			if (value == null && payload.get("headers") instanceof Map<?, ?> nested) {
				value = fromPayload(nested, name);
			}
			if (value == null) {
				value = headers.getFirst(name);
			}
			if (value != null) {
				forwarded.put(name, value);
			}
		}
		forwarded.putAll(added);
		return forwarded;
	}

	private static @Nullable String fromPayload(Map<?, ?> payload, String name) {
		for (Map.Entry<?, ?> entry : payload.entrySet()) {
			if (entry.getKey() instanceof String key && key.equalsIgnoreCase(name)
					&& entry.getValue() instanceof String value) {
				return value;
			}
		}
		return null;
	}

}
