package dev.zielwerk.platform;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.zielwerk.demo.DemoLoader;
import dev.zielwerk.demo.DemoPopulation;
import dev.zielwerk.demo.DemoSegments;
import dev.zielwerk.demo.DemoSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Loads the demo data into a running platform when {@code zielwerk.demo=true} (system
 * property, {@code --zielwerk.demo=true} argument or {@code ZIELWERK_DEMO=true}): first
 * the segments, so that the dashboard shows them fill up, then the population, in the
 * background while the platform already answers.
 */
final class PlatformDemo {

	private static final Logger logger = LoggerFactory.getLogger(PlatformDemo.class);

	private PlatformDemo() {
	}

	/**
	 * The start command's settings: arguments, then system properties, then environment.
	 */
	static Environment settings(String... args) {
		ConfigurableEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		return environment;
	}

	static boolean enabled(Environment environment) {
		return environment.getProperty("zielwerk.demo", Boolean.class, false);
	}

	static DemoSettings demoSettings(Environment environment) {
		return DemoSettings.from(environment::getProperty);
	}

	/** Starts loading in a daemon thread and answers it. */
	static Thread start(RunningPlatform platform, DemoSettings settings) {
		Thread thread = new Thread(() -> {
			try {
				load(platform, settings, 4);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				logger.info("Demo data: stopped");
			}
			catch (IOException | RuntimeException ex) {
				logger.error("Demo data: loading failed", ex);
			}
		}, "zielwerk-demo");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	static DemoLoader.Report load(RunningPlatform platform, DemoSettings settings, int concurrency)
			throws IOException, InterruptedException {
		DemoLoader loader = new DemoLoader(endpoints(platform), concurrency);
		int created = loader.createSegments(DemoSegments.all());
		logger.info(
				"Demo data: {} segments created ({} already there); sending {} people and about {} events "
						+ "over {} days (seed {}) through /v1/batch",
				created, DemoSegments.all().size() - created, settings.profiles(), settings.events(), settings.days(),
				settings.seed());
		DemoLoader.Report report = loader.load(new DemoPopulation(settings, Instant.now()));
		logger.info(
				"Demo data: {} people, {} messages ({} events) sent in {} s; segments fill up as segment-service "
						+ "works through the stream (see http://localhost:{}/dashboard)",
				report.profiles(), report.messages(), report.events(), report.took().toSeconds(),
				platform.port(PlatformServices.GATEWAY));
		return report;
	}

	static DemoLoader.Endpoints endpoints(RunningPlatform platform) {
		Environment profile = platform.environment(PlatformServices.PROFILE);
		List<String> keys = Binder.get(profile)
			.bind("zielwerk.profile.ingest.write-keys", Bindable.listOf(String.class))
			.orElse(List.of(PlatformServices.DEFAULT_WRITE_KEY));
		return new DemoLoader.Endpoints(URI.create("http://localhost:" + platform.port(PlatformServices.PROFILE)),
				URI.create("http://localhost:" + platform.port(PlatformServices.SEGMENT) + "/graphql"), keys.get(0));
	}

}
