package dev.zielwerk.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** The services of a started platform; closing stops them in reverse start order. */
final class RunningPlatform implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(RunningPlatform.class);

	private final Map<ServiceLaunch, ConfigurableApplicationContext> services;

	RunningPlatform(Map<ServiceLaunch, ConfigurableApplicationContext> services) {
		this.services = services;
	}

	/** The HTTP port a service listens on. */
	int port(String service) {
		return this.services.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().name().equals(service))
			.map((entry) -> entry.getValue().getEnvironment().getRequiredProperty("local.server.port", Integer.class))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + service));
	}

	/** A running service's environment. */
	Environment environment(String service) {
		return context(service).getEnvironment();
	}

	/** A running service's application context. */
	ConfigurableApplicationContext context(String service) {
		return this.services.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().name().equals(service))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + service));
	}

	Map<ServiceLaunch, ConfigurableApplicationContext> services() {
		return this.services;
	}

	@Override
	public void close() {
		List<Map.Entry<ServiceLaunch, ConfigurableApplicationContext>> started = new ArrayList<>(
				this.services.entrySet());
		for (Map.Entry<ServiceLaunch, ConfigurableApplicationContext> service : started.reversed()) {
			service.getValue().close();
			logger.info("Stopped {}", service.getKey().name());
		}
	}

}
