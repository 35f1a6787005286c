package dev.zielwerk.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Starts services as separate Spring Boot applications in this JVM, each with its own
 * configuration and port, those that store data pointed at the platform's PostgreSQL and
 * Redis.
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
		PlatformPorts ports = randomPorts ? PlatformPorts.free(services) : PlatformPorts.fixed(services);
		Map<ServiceLaunch, ConfigurableApplicationContext> started = new LinkedHashMap<>();
		try {
			for (ServiceLaunch service : services) {
				Map<String, Object> properties = new LinkedHashMap<>();
				if (service.usesStores()) {
					properties.putAll(infrastructure.properties());
				}
				properties.put("server.port", ports.port(service.name()));
				properties.putAll(service.properties().apply(ports));
				properties.putAll(overrides);
				logger.info("Starting {}", service.name());
				ConfigurableApplicationContext context = new SpringApplicationBuilder(service.application())
					.main(service.application())
					// read while the environment is prepared, before initializers run
					.properties(Map.of("spring.config.name", service.name()))
					.listeners(packagedConfiguration(service))
					.bannerMode(Banner.Mode.OFF)
					// the launcher stops services before the servers they use
					.registerShutdownHook(false)
					.initializers((applicationContext) -> applicationContext.getEnvironment()
						.getPropertySources()
						.addFirst(new MapPropertySource("zielwerk-platform " + service.name(), properties)))
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

	/**
	 * Adds the service's own {@code application.yaml} below everything else, where a
	 * packaged {@code application.yaml} normally ranks: environment variables, system
	 * properties and {@code config/<service>.yaml} override it.
	 */
	private static ApplicationListener<ApplicationEnvironmentPreparedEvent> packagedConfiguration(
			ServiceLaunch service) {
		return (event) -> {
			MutablePropertySources sources = event.getEnvironment().getPropertySources();
			ServiceConfiguration.load(service).forEach(sources::addLast);
		};
	}

}
