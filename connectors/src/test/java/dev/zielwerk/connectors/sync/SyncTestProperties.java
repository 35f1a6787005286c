package dev.zielwerk.connectors.sync;

import java.security.SecureRandom;
import java.util.Base64;

import dev.zielwerk.testsupport.ZielwerkTestProperties;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The properties of a sync integration test: its own database and Redis namespace, a
 * credential key, the audience fixture as the gateway, and short leases.
 */
final class SyncTestProperties {

	private SyncTestProperties() {
	}

	static void register(DynamicPropertyRegistry registry, Class<?> testClass, AudienceFixture fixture,
			boolean workersEnabled) {
		ZielwerkTestProperties.register(registry, testClass);
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		String encoded = Base64.getEncoder().encodeToString(key);
		registry.add("zielwerk.connectors.credential-key", () -> encoded);
		registry.add("zielwerk.connectors.gateway.url", fixture::url);
		// the fakes listen on loopback, which the SSRF guard refuses by default
		registry.add("zielwerk.connectors.allow-private-networks", () -> "true");
		registry.add("zielwerk.connectors.gateway.token", () -> AudienceFixture.TOKEN);
		// the test PostgreSQL is shared by many test JVMs
		registry.add("spring.r2dbc.pool.initial-size", () -> "2");
		registry.add("spring.r2dbc.pool.max-size", () -> "6");
		registry.add("zielwerk.connectors.sync.workers-enabled", () -> workersEnabled);
		// 8 heartbeats per lease: a worker on a loaded machine must not lose its run
		registry.add("zielwerk.connectors.sync.lease", () -> "4s");
		registry.add("zielwerk.connectors.sync.heartbeat", () -> "500ms");
		registry.add("zielwerk.connectors.sync.poll-interval", () -> "200ms");
		registry.add("zielwerk.connectors.sync.page-size", () -> "5");
		registry.add("zielwerk.connectors.sync.retry-delay", () -> "1s");
		registry.add("zielwerk.connectors.sync.max-attempts", () -> "2");
		registry.add("zielwerk.connectors.sync.real-time-window", () -> "300ms");
		registry.add("zielwerk.connectors.sync.stream-claim-idle", () -> "1s");
	}

}
