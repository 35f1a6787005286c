package dev.zielwerk.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts services as separate Spring Boot applications in this JVM, each pointed at the
 * platform's PostgreSQL and Redis.
 */
final class PlatformLauncher {

	private static final Logger logger = LoggerFactory.getLogger(PlatformLauncher.class);

	private PlatformLauncher() {
	}

	/**
	 * Starts every service in order; when one fails, those already started are stopped.
	 * @param overrides further properties for every service (they win over everything)
	 * @param randomPorts whether services take free ports instead of their fixed ones
	 */
	static RunningPlatform launch(PlatformInfrastructure infrastructure, Iterable<ServiceLaunch> services,
			Map<String, Object> overrides, boolean randomPorts, String... args) {
		Map<ServiceLaunch, ConfigurableApplicationContext> started = new LinkedHashMap<>();
		try {
			for (ServiceLaunch service : services) {
				Map<String, Object> properties = new LinkedHashMap<>(infrastructure.properties());
				properties.put("server.port", randomPorts ? 0 : service.port());
				properties.putAll(overrides);
				logger.info("Starting {}", service.name());
				ConfigurableApplicationContext context = new SpringApplicationBuilder(service.application())
					.main(service.application())
					// read while the environment is prepared, before initializers run
					.properties(Map.of("spring.config.name", service.configName()))
					.bannerMode(Banner.Mode.OFF)
					// the launcher stops services before the servers they use
					.registerShutdownHook(false)
					.initializers((applicationContext) -> applicationContext.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("zielwerk-platform", properties)))
					.run(args);
				started.put(service, context);
			}
			return new RunningPlatform(started);
		}
		catch (RuntimeException ex) {
			new RunningPlatform(started).close();
			throw ex;
		}
	}

}
