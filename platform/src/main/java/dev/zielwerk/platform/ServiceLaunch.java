package dev.zielwerk.platform;

import java.util.List;
import java.util.function.Function;

import org.springframework.core.env.Environment;

/**
 * One service of the platform: which Spring Boot application, on which port, and what to
 * tell the person who started it.
 *
 * @param name the service's name, e.g. {@code profile-service}
 * @param application its {@code @SpringBootApplication} class
 * @param port its HTTP port when the platform runs on fixed ports
 * @param configName its configuration file's base name ({@code spring.config.name}):
 * services in one JVM share the classpath, so each needs a name of its own beyond the
 * first
 * @param links what it serves, as label and path, printed as URLs once it runs
 * @param notes further lines to print, read from the running service's environment
 */
record ServiceLaunch(String name, Class<?> application, int port, String configName, List<Link> links,
		Function<Environment, List<String>> notes) {

	/** Something a service serves. */
	record Link(String label, String path) {
	}

}
