package dev.zielwerk.platform;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.zielwerk.demo.DemoSettings;
import dev.zielwerk.localinfra.LocalInfrastructure;
import dev.zielwerk.localinfra.LocalInfrastructureSettings;
import dev.zielwerk.localinfra.PostgresAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Starts the platform in one JVM: finds PostgreSQL and Redis (the configured servers when
 * they answer, else embedded ones keeping their data in {@code .zielwerk/}), creates the
 * database when missing, starts profile-service, segment-service, connectors and the
 * gateway, says where everything is, and on Ctrl-C stops the services in reverse order
 * and then the servers it started.
 */
public final class ZielwerkPlatform {

	private static final Logger logger = LoggerFactory.getLogger(ZielwerkPlatform.class);

	private ZielwerkPlatform() {
	}

	public static void main(String[] args) {
		Environment startSettings = PlatformDemo.settings(args);
		// read (and refused when wrong) before anything starts
		DemoSettings demoSettings = PlatformDemo.enabled(startSettings) ? PlatformDemo.demoSettings(startSettings)
				: null;
		LocalInfrastructureSettings settings = LocalInfrastructureSettings.fromEnvironment();
		LocalInfrastructure infrastructure = LocalInfrastructure.resolve(settings);
		RunningPlatform platform;
		try {
			if (PostgresAdmin.createDatabaseIfMissing(infrastructure.postgres(), settings.database())) {
				logger.info("Created database {} on {}", settings.database(), infrastructure.postgres());
			}
			platform = PlatformLauncher.launch(
					new PlatformInfrastructure(infrastructure.postgres(), settings.database(), infrastructure.redis()),
					PlatformServices.all(), overrides(settings), false, args);
		}
		catch (RuntimeException ex) {
			infrastructure.close();
			throw ex;
		}
		Thread demo = (demoSettings != null) ? PlatformDemo.start(platform, demoSettings) : null;
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			logger.info("Stopping Zielwerk");
			if (demo != null) {
				demo.interrupt();
			}
			platform.close();
			infrastructure.close();
		}, "zielwerk-shutdown"));
		logger.info(summary(settings, infrastructure, platform));
	}

	/**
	 * What the start command adds to every service: the identity header's secret, and the
	 * connectors' credential key when none is configured.
	 */
	static Map<String, Object> overrides(LocalInfrastructureSettings settings) {
		Map<String, Object> overrides = new java.util.LinkedHashMap<>(identitySecret());
		overrides.putAll(credentialKey(settings));
		return overrides;
	}

	private static Map<String, Object> credentialKey(LocalInfrastructureSettings settings) {
		if (ConnectorsCredentialKey.configured() != null) {
			return Map.of();
		}
		Path directory = settings.dataDirectory();
		if (directory == null) {
			logger.warn("No data directory: destination credentials are encrypted with a key that lives only as "
					+ "long as this process (set " + ConnectorsCredentialKey.PROPERTY + " to keep them readable)");
			return Map.of(ConnectorsCredentialKey.PROPERTY, ConnectorsCredentialKey.random());
		}
		return Map.of(ConnectorsCredentialKey.PROPERTY, ConnectorsCredentialKey.inDirectory(directory));
	}

	/**
	 * The secret the gateway signs the subgraphs' identity header with: from
	 * {@code ZIELWERK_IDENTITY_SECRET} (or {@code -Dzielwerk.identity.secret}) when set,
	 * else a random one for this run, which every service of this JVM shares.
	 */
	static Map<String, Object> identitySecret() {
		String configured = System.getProperty("zielwerk.identity.secret", System.getenv("ZIELWERK_IDENTITY_SECRET"));
		if (configured != null && !configured.isBlank()) {
			return Map.of("zielwerk.identity.secret", configured);
		}
		byte[] random = new byte[32];
		new java.security.SecureRandom().nextBytes(random);
		return Map.of("zielwerk.identity.secret", java.util.HexFormat.of().formatHex(random));
	}

	static String summary(LocalInfrastructureSettings settings, LocalInfrastructure infrastructure,
			RunningPlatform platform) {
		int gateway = platform.port(PlatformServices.GATEWAY);
		StringBuilder text = new StringBuilder(String
			.format("%n%nZielwerk is running: http://localhost:%d/graphql (GraphiQL http://localhost:%d/graphiql, "
					+ "dashboard http://localhost:%d/dashboard)%n", gateway, gateway, gateway));
		text.append(String.format("  PostgreSQL  %s, database %s (%s)%n", infrastructure.postgres(),
				settings.database(), origin(infrastructure.postgresOrigin(), settings)));
		text.append(String.format("  Redis       %s (%s)%n", infrastructure.redis().url(),
				origin(infrastructure.redisOrigin(), settings)));
		for (Map.Entry<ServiceLaunch, ConfigurableApplicationContext> service : platform.services().entrySet()) {
			ServiceLaunch launch = service.getKey();
			int port = platform.port(launch.name());
			text.append(String.format("  %s on port %d%n", launch.name(), port));
			for (ServiceLaunch.Link link : launch.links()) {
				text.append(String.format("    %-24s http://localhost:%d%s%n", link.label(), port, link.path()));
			}
			List<String> notes = launch.notes().apply(service.getValue().getEnvironment());
			notes.forEach((note) -> text.append("    ").append(note).append('\n'));
		}
		return text.append("Ctrl-C stops everything.\n").toString();
	}

	private static String origin(LocalInfrastructure.Origin origin, LocalInfrastructureSettings settings) {
		return switch (origin) {
			case CONFIGURED -> "configured";
			case EMBEDDED -> (settings.dataDirectory() != null)
					? "embedded, data in " + settings.dataDirectory().toAbsolutePath() : "embedded";
		};
	}

}
