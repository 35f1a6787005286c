package dev.zielwerk.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What every platform test adds to every service: its own Redis namespace, a credential
 * key for connectors, and small connection pools (the test PostgreSQL is shared by many
 * test JVMs).
 */
final class PlatformTestProperties {

	private PlatformTestProperties() {
	}

	static Map<String, Object> overrides(String name) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("zielwerk.redis.namespace", "zwtest:" + name + ":" + UUID.randomUUID());
		properties.put(ConnectorsCredentialKey.PROPERTY, ConnectorsCredentialKey.random());
		properties.put("spring.r2dbc.pool.initial-size", "1");
		properties.put("spring.r2dbc.pool.max-size", "4");
		return properties;
	}

}
