package dev.zielwerk.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives {@code POST /v1/batch} with a fixed number of connections, each sending its next
 * request as soon as the previous one is answered (closed loop), first for the warm-up,
 * then for the measured time. Only requests started inside the measured time count.
 */
final class LoadRun {

	private final BenchmarkOptions options;

	private final HttpClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI endpoint;

	private final String authorization;

	LoadRun(BenchmarkOptions options) {
		this.options = options;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		this.endpoint = options.url().resolve("/v1/batch");
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((options.writeKey() + ":").getBytes(StandardCharsets.UTF_8));
	}

	URI endpoint() {
		return this.endpoint;
	}

	Result run() throws InterruptedException {
		long start = System.nanoTime();
		long measureFrom = start + this.options.warmup().toNanos();
		long measureUntil = measureFrom + this.options.duration().toNanos();
		List<Worker> workers = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		Map<String, Long> statuses = new ConcurrentHashMap<>();
		AtomicReference<String> firstFailure = new AtomicReference<>();
		for (int i = 0; i < this.options.concurrency(); i++) {
			Worker worker = new Worker(
					new EventGenerator(i, this.options.concurrency(), this.options.users(), this.options.seed()),
					measureFrom, measureUntil, statuses, firstFailure);
			workers.add(worker);
			threads.add(Thread.ofPlatform().name("ingest-" + i).start(worker));
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long measuredNanos = Math.max(1,
				workers.stream().mapToLong((w) -> w.lastEnd).max().orElse(measureUntil) - measureFrom);
		Latencies latencies = Latencies.merge(workers.stream().map((w) -> w.latencies).toList());
		long events = workers.stream().mapToLong((w) -> w.events).sum();
		long failed = workers.stream().mapToLong((w) -> w.failed).sum();
		return new Result(events, latencies.size() - failed, failed, measuredNanos / 1e9, latencies,
				new TreeMap<>(statuses), firstFailure.get());
	}

	/** What one run measured. */
	record Result(long events, long okRequests, long failedRequests, double seconds, Latencies latencies,
			Map<String, Long> statuses, @Nullable String firstFailure) {

		double eventsPerSecond() {
			return this.events / this.seconds;
		}

		double requestsPerSecond() {
			return (this.okRequests + this.failedRequests) / this.seconds;
		}

	}

	private final class Worker implements Runnable {

		private final EventGenerator generator;

		private final long measureFrom;

		private final long measureUntil;

		private final Map<String, Long> statuses;

		private final AtomicReference<String> firstFailure;

		final Latencies latencies = new Latencies();

		long events;

		long failed;

		long lastEnd;

		Worker(EventGenerator generator, long measureFrom, long measureUntil, Map<String, Long> statuses,
				AtomicReference<String> firstFailure) {
			this.generator = generator;
			this.measureFrom = measureFrom;
			this.measureUntil = measureUntil;
			this.statuses = statuses;
			this.firstFailure = firstFailure;
		}

		@Override
		public void run() {
			int size = LoadRun.this.options.batchSize();
			while (true) {
				byte[] body = LoadRun.this.json.writeValueAsBytes(this.generator.batch(size));
				long begin = System.nanoTime();
				if (begin >= this.measureUntil) {
					return;
				}
				String outcome;
				@Nullable String failure = null;
				try {
					HttpResponse<String> response = LoadRun.this.client.send(request(body),
							HttpResponse.BodyHandlers.ofString());
					outcome = Integer.toString(response.statusCode());
					if (response.statusCode() != 200) {
						failure = response.statusCode() + " " + abbreviate(response.body());
					}
				}
				catch (java.io.IOException ex) {
					outcome = ex.getClass().getSimpleName();
					failure = ex.toString();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				long end = System.nanoTime();
				if (begin >= this.measureFrom) {
					this.latencies.record(end - begin);
					this.lastEnd = end;
					this.statuses.merge(outcome, 1L, Long::sum);
					if (failure == null) {
						this.events += size;
					}
					else {
						this.failed++;
						this.firstFailure.compareAndSet(null, failure);
					}
				}
			}
		}

		private HttpRequest request(byte[] body) {
			return HttpRequest.newBuilder(LoadRun.this.endpoint)
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.header("Authorization", LoadRun.this.authorization)
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
		}

		private static String abbreviate(String text) {
			return (text.length() <= 300) ? text : text.substring(0, 300) + "…";
		}

	}

}
