package dev.zielwerk.platform;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.core.env.Environment;

/**
 * One service of the platform: which Spring Boot application, on which port, with which
 * settings, and what to tell the person who started it.
 *
 * @param name the service's name, e.g. {@code profile-service}; also its
 * {@code spring.config.name}, so that {@code config/<name>.yaml} beside the working
 * directory configures this service alone (services in one JVM share the classpath, so
 * the {@code application.yaml} each packages is read from its own jar instead, see
 * {@link ServiceConfiguration})
 * @param application its {@code @SpringBootApplication} class
 * @param port its HTTP port when the platform runs on fixed ports
 * @param usesStores whether it is pointed at the platform's PostgreSQL and Redis
 * @param links what it serves, as label and path, printed as URLs once it runs
 * @param notes further lines to print, read from the running service's environment
 * @param properties settings that depend on where the other services are
 */
record ServiceLaunch(String name, Class<?> application, int port, boolean usesStores, List<Link> links,
		Function<Environment, List<String>> notes, Function<PlatformPorts, Map<String, Object>> properties) {

	/** Something a service serves. */
	record Link(String label, String path) {
	}

}
