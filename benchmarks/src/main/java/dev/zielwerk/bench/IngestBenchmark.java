package dev.zielwerk.bench;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Ingestion load generator: posts Segment-spec {@code /v1/batch} requests of realistic
 * track, page and identify messages for a simulated population with a fixed number of
 * concurrent connections, and prints events/s, requests/s and request latencies. With
 * {@code --embedded} it first starts profile-service in this JVM on a fresh database, so
 * one command measures it. The jar's main class: a first argument {@code relay} runs the
 * {@link RelayBenchmark} instead. See BENCHMARKS.md.
 */
public final class IngestBenchmark {

	private IngestBenchmark() {
	}

	public static void main(String[] args) throws InterruptedException, SQLException {
		if (args.length > 0 && args[0].equals("gateway-faults")) {
			GatewayFaultBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (args.length > 0 && args[0].equals("relay")) {
			RelayBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
			return;
		}
		if (Arrays.asList(args).contains("--help")) {
			System.out.print(BenchmarkOptions.USAGE);
			return;
		}
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(Arrays.asList(args));
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(BenchmarkOptions.USAGE);
			System.exit(2);
			return;
		}
		if (!options.embedded()) {
			report(options, new LoadRun(options).run(), null);
			return;
		}
		try (EmbeddedProfileService service = EmbeddedProfileService.start(options)) {
			BenchmarkOptions embedded = options.withUrl(service.url());
			CpuProbe probe = new CpuProbe(service);
			ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "cpu-probe");
				thread.setDaemon(true);
				return thread;
			});
			ScheduledFuture<CpuProbe.Sample> first = timer.schedule(probe::sample, options.warmup().toMillis(),
					TimeUnit.MILLISECONDS);
			ScheduledFuture<CpuProbe.Sample> last = timer.schedule(probe::sample,
					options.warmup().plus(options.duration()).toMillis(), TimeUnit.MILLISECONDS);
			LoadRun.Result result = new LoadRun(embedded).run();
			report(embedded, result, service);
			try {
				CpuProbe.Sample from = first.get();
				CpuProbe.Sample to = last.get();
				System.out.print(cpu(from, to, result));
			}
			catch (ExecutionException ex) {
				System.out.println("  cpu              unknown: " + ex.getCause());
			}
			finally {
				timer.shutdownNow();
			}
		}
	}

	private static String cpu(CpuProbe.Sample from, CpuProbe.Sample to, LoadRun.Result result) {
		StringBuilder out = new StringBuilder();
		line(out, "load average", String.format(Locale.ROOT, "%.2f at the start, %.2f at the end of the measured time",
				from.loadAverage(), to.loadAverage()));
		// events sent in the probe's window: the measured events scaled to its length
		long events = Math.round(result.eventsPerSecond() * (to.seconds() - from.seconds()));
		String perThousand = from.perThousandEvents(to, events);
		line(out, "cpu/1000 events", (perThousand != null) ? perThousand : "unknown");
		return out.toString();
	}

	private static void report(BenchmarkOptions options, LoadRun.Result result,
			@Nullable EmbeddedProfileService service) throws SQLException {
		Latencies latencies = result.latencies();
		StringBuilder out = new StringBuilder();
		out.append("Zielwerk ingestion benchmark\n");
		line(out, "target", options.url().resolve("/v1/batch")
				+ ((service != null) ? " (embedded profile-service, database " + service.database() + ")" : ""));
		line(out, "load",
				options.batchSize() + " events/request, " + options.concurrency() + " connections, " + options.users()
						+ " people, warm-up " + options.warmup().toSeconds() + " s, measured "
						+ String.format(Locale.ROOT, "%.1f s", result.seconds()));
		line(out, "requests", result.okRequests() + " ok, " + result.failedRequests() + " failed " + result.statuses());
		line(out, "events/s", String.format(Locale.ROOT, "%,.0f", result.eventsPerSecond()));
		line(out, "requests/s", String.format(Locale.ROOT, "%,.1f", result.requestsPerSecond()));
		line(out, "latency/request", String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
				latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.percentileMillis(100)));
		if (result.firstFailure() != null) {
			line(out, "first failure", result.firstFailure());
		}
		if (service != null) {
			line(out, "outbox backlog", service.outboxBacklog() + " rows not yet in the stream at the end");
			line(out, "rows", service.tableCounts());
		}
		System.out.print(out);
	}

	private static void line(StringBuilder out, String label, String value) {
		out.append(String.format(Locale.ROOT, "  %-16s %s%n", label, value));
	}

}
