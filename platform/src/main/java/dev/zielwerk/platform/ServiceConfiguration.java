package dev.zielwerk.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.UrlResource;

/**
 * The {@code application.yaml} a service packages. Every service has one at the root of
 * its jar, so on the platform's shared classpath {@code classpath:application.yaml} would
 * be whichever comes first; this reads the one beside the service's application class.
 */
final class ServiceConfiguration {

	private static final String FILE = "application.yaml";

	private ServiceConfiguration() {
	}

	static List<PropertySource<?>> load(ServiceLaunch service) {
		URL url = locate(service.application());
		try {
			return new YamlPropertySourceLoader().load(service.name() + " " + FILE + " (" + url + ")",
					new UrlResource(url));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + url + " of " + service.name(), ex);
		}
	}

	static URL locate(Class<?> application) {
		String home = application.getProtectionDomain().getCodeSource().getLocation().toString();
		List<URL> candidates = new ArrayList<>();
		try {
			candidates.addAll(Collections.list(application.getClassLoader().getResources(FILE)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + FILE + " on the classpath", ex);
		}
		return candidates.stream()
			.filter((url) -> url.toString().contains(home))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"No " + FILE + " beside " + application.getName() + " in " + home + "; found " + candidates));
	}

}
