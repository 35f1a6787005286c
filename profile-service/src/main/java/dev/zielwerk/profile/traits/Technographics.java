package dev.zielwerk.profile.traits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Technographic traits from a message's context: the parsed {@code userAgent}, then
 * {@code context.device} and {@code context.os}, which mobile SDKs fill precisely and
 * therefore win.
 */
public final class Technographics {

	/**
	 * Parsed user agents: a site sees a few hundred distinct strings, and parsing one
	 * (with regular expressions) on every message was a few percent of ingestion's CPU.
	 * The parse is a pure function, so the cache changes nothing but the cost; a flood of
	 * distinct strings only empties it now and then.
	 */
	private static final int CACHE_LIMIT = 10_000;

	private static final int CACHED_LENGTH_LIMIT = 1_000;

	private static final Map<String, UserAgent> PARSED = new ConcurrentHashMap<>();

	private Technographics() {
	}

	public static Map<String, @Nullable Object> fromContext(Map<String, ?> context) {
		Map<String, @Nullable Object> traits = new LinkedHashMap<>();
		if (context.get("userAgent") instanceof String ua && !ua.isBlank()) {
			traits.putAll(parsed(ua).traits());
		}
		if (context.get("device") instanceof Map<?, ?> device) {
			copy(device, "type", traits, "deviceType");
			copy(device, "manufacturer", traits, "deviceManufacturer");
			copy(device, "model", traits, "deviceModel");
		}
		if (context.get("os") instanceof Map<?, ?> os) {
			copy(os, "name", traits, "os");
			copy(os, "version", traits, "osVersion");
		}
		if (context.get("app") instanceof Map<?, ?> app) {
			copy(app, "version", traits, "appVersion");
		}
		return traits;
	}

	private static UserAgent parsed(String ua) {
		UserAgent known = PARSED.get(ua);
		if (known != null) {
			return known;
		}
		UserAgent parsed = UserAgent.parse(ua);
		if (ua.length() <= CACHED_LENGTH_LIMIT) {
			if (PARSED.size() >= CACHE_LIMIT) {
				PARSED.clear();
			}
			PARSED.put(ua, parsed);
		}
		return parsed;
	}

	private static void copy(Map<?, ?> from, String key, Map<String, @Nullable Object> to, String name) {
		if (from.get(key) instanceof String value && !value.isBlank()) {
			to.put(name, value);
		}
	}

}
