package dev.zielwerk.profile.traits;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Technographic traits from a message's context: the parsed {@code userAgent}, then
 * {@code context.device} and {@code context.os}, which mobile SDKs fill precisely and
 * therefore win.
 */
public final class Technographics {

	private Technographics() {
	}

	public static Map<String, @Nullable Object> fromContext(Map<String, ?> context) {
		Map<String, @Nullable Object> traits = new LinkedHashMap<>();
		if (context.get("userAgent") instanceof String ua && !ua.isBlank()) {
			traits.putAll(UserAgent.parse(ua).traits());
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

	private static void copy(Map<?, ?> from, String key, Map<String, @Nullable Object> to, String name) {
		if (from.get(key) instanceof String value && !value.isBlank()) {
			to.put(name, value);
		}
	}

}
