package dev.zielwerk.bench;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * Command-line options of {@link IngestBenchmark}. Options are {@code --name=value}; any
 * other {@code --key=value} whose key contains a dot is a Spring property for the
 * embedded profile-service.
 *
 * @param url base URL of the profile-service to load (ignored with {@code --embedded})
 * @param writeKey the source's write key, sent as the Basic auth user name
 * @param batchSize events per {@code /v1/batch} request
 * @param concurrency concurrent connections, each sending one request at a time
 * @param warmup load before measuring
 * @param duration measured load
 * @param users size of the simulated population
 * @param seed seed of the event generator, so runs can be repeated
 * @param embedded whether to start profile-service in this JVM
 * @param postgres PostgreSQL server for the embedded service (a fresh database is made)
 * @param redis Redis server for the embedded service
 * @param keepDatabase whether to keep the embedded service's database afterwards
 * @param serviceProperties extra Spring properties for the embedded service
 */
record BenchmarkOptions(URI url, String writeKey, int batchSize, int concurrency, Duration warmup, Duration duration,
		int users, long seed, boolean embedded, String postgres, String redis, boolean keepDatabase,
		Map<String, String> serviceProperties) {

	static final String USAGE = """
			usage: java -jar benchmarks/target/zielwerk-benchmarks.jar [options] [--spring.or.zielwerk.property=value ...]
			  --url=http://127.0.0.1:4001    profile-service to load (not with --embedded)
			  --write-key=bench              write key (Basic auth user name)
			  --batch-size=100               events per /v1/batch request (Segment caps a batch at 500 KB)
			  --concurrency=8                concurrent connections
			  --warmup=10s --duration=30s    warm-up, then measured time
			  --users=10000                  simulated people (1-3 anonymous devices each)
			  --seed=42                      generator seed
			  --embedded                     start profile-service in this JVM on a fresh database
			  --postgres=postgresql://postgres@127.0.0.1:5432/postgres   (with --embedded)
			  --redis=redis://127.0.0.1:6379                             (with --embedded)
			  --keep-database                keep the embedded service's database afterwards
			""";

	static BenchmarkOptions parse(List<String> args) {
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, String> service = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + arg);
			}
			int equals = arg.indexOf('=');
			String name = (equals < 0) ? arg.substring(2) : arg.substring(2, equals);
			String value = (equals < 0) ? "true" : arg.substring(equals + 1);
			if (name.contains(".")) {
				service.put(name, value);
			}
			else {
				values.put(name, value);
			}
		}
		BenchmarkOptions options = new BenchmarkOptions(URI.create(take(values, "url", "http://127.0.0.1:4001")),
				take(values, "write-key", "bench"), positive(values, "batch-size", 100),
				positive(values, "concurrency", 8), duration(values, "warmup", "10s"),
				duration(values, "duration", "30s"), positive(values, "users", 10_000),
				Long.parseLong(take(values, "seed", "42")), Boolean.parseBoolean(take(values, "embedded", "false")),
				take(values, "postgres", env("ZW_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")),
				take(values, "redis", env("ZW_BENCH_REDIS_URL", "redis://127.0.0.1:6379")),
				Boolean.parseBoolean(take(values, "keep-database", "false")), Map.copyOf(service));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("Unknown option(s) " + values.keySet());
		}
		if (options.users() < options.concurrency()) {
			throw new IllegalArgumentException("--users must be at least --concurrency");
		}
		return options;
	}

	BenchmarkOptions withUrl(URI url) {
		return new BenchmarkOptions(url, this.writeKey, this.batchSize, this.concurrency, this.warmup, this.duration,
				this.users, this.seed, this.embedded, this.postgres, this.redis, this.keepDatabase,
				this.serviceProperties);
	}

	private static String take(Map<String, String> values, String name, String fallback) {
		String value = values.remove(name);
		return (value != null) ? value : fallback;
	}

	private static int positive(Map<String, String> values, String name, int fallback) {
		int value = Integer.parseInt(take(values, name, Integer.toString(fallback)));
		if (value < 1) {
			throw new IllegalArgumentException("--" + name + " must be positive");
		}
		return value;
	}

	private static Duration duration(Map<String, String> values, String name, String fallback) {
		return DurationStyle.detectAndParse(take(values, name, fallback));
	}

	private static String env(String name, String fallback) {
		@Nullable String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
