package dev.zielwerk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway under subgraph faults (BENCHMARKS.md, "Gateway under subgraph faults"),
 * driven by {@code benchmarks/gateway-faults/run.sh}: serves the {@code products} and
 * {@code stock} subgraphs behind two TCP proxies of its own, sends a paced, bounded load
 * of one federated query to the gateway and, phase by phase, kills the stock proxy, slows
 * it, and restores it. Reports per phase the share of responses that still carry every
 * product name (the unaffected subgraph's fields), the share with complete stock fields,
 * latency percentiles, the error codes, the latency while the breaker is open and the
 * time to recover after the restore.
 * <p>
 * Arguments: {@code gateway-faults --gateway=URL --products-proxy=PORT
 * --stock-proxy=PORT [--rate=200] [--workers=16] [--slow=2s]
 * [--phases=warmup:10,baseline:15,down:20,slow:15,restored:20] [--out=DIR]}. Writing the
 * SDLs: {@code gateway-faults --write-sdl=DIR}.
 */
public final class GatewayFaultBenchmark {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String QUERY = "{\"query\":\"query Faults { products { id name inStock } warehouse }\"}";

	private GatewayFaultBenchmark() {
	}

	/** One response. */
	record Sample(String phase, long sentNanos, long latencyNanos, boolean productsIntact, boolean stockComplete,
			List<String> codes) {
	}

	/** A phase: its name, when it starts (nanoTime) and how long it lasts. */
	record Phase(String name, long seconds) {
	}

	public static void main(String[] args) throws InterruptedException {
		try {
			run(args);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void run(String[] args) throws IOException, InterruptedException {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (arg.startsWith("--") && eq > 2) {
				options.put(arg.substring(2, eq), arg.substring(eq + 1));
			}
		}
		if (options.containsKey("write-sdl")) {
			Path dir = Path.of(options.get("write-sdl"));
			Files.createDirectories(dir);
			Files.writeString(dir.resolve("products.graphqls"), FaultSubgraphs.PRODUCTS_SDL);
			Files.writeString(dir.resolve("stock.graphqls"), FaultSubgraphs.STOCK_SDL);
			return;
		}
		URI gateway = URI.create(options.getOrDefault("gateway", "http://127.0.0.1:4000/graphql"));
		int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
		int workers = Integer.parseInt(options.getOrDefault("workers", "16"));
		Duration slow = Duration.parse("PT" + options.getOrDefault("slow", "2s").toUpperCase(Locale.ROOT));
		List<Phase> phases = new ArrayList<>();
		for (String phase : options.getOrDefault("phases", "warmup:10,baseline:15,down:20,slow:15,restored:20")
			.split(",")) {
			String[] parts = phase.split(":");
			phases.add(new Phase(parts[0], Long.parseLong(parts[1])));
		}
		try (FaultSubgraphs subgraphs = new FaultSubgraphs();
				TcpProxy products = new TcpProxy(Integer.parseInt(options.get("products-proxy")),
						subgraphs.productsPort());
				TcpProxy stock = new TcpProxy(Integer.parseInt(options.get("stock-proxy")), subgraphs.stockPort())) {
			HttpClient http = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(5))
				.executor(Executors.newVirtualThreadPerTaskExecutor())
				.build();
			log("subgraphs behind proxies: products on " + products.port() + ", stock on " + stock.port());
			awaitGateway(http, gateway);
			List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
			long started = System.nanoTime();
			long total = phases.stream().mapToLong(Phase::seconds).sum();
			long end = started + Duration.ofSeconds(total).toNanos();
			Map<String, Long> phaseStarts = new LinkedHashMap<>();
			String[] current = { phases.get(0).name() };
			try (ExecutorService load = Executors.newVirtualThreadPerTaskExecutor()) {
				long interval = Duration.ofSeconds(1).toNanos() * workers / rate;
				for (int w = 0; w < workers; w++) {
					long offset = interval * w / workers;
					load.submit(() -> work(http, gateway, started + offset, interval, end, current, samples));
				}
				long at = started;
				for (Phase phase : phases) {
					sleepUntil(at);
					switch (phase.name()) {
						case "down" -> stock.kill();
						case "slow" -> stock.slow(slow);
						case "restored" -> stock.restore();
						default -> {
						}
					}
					phaseStarts.put(phase.name(), System.nanoTime());
					current[0] = phase.name();
					log("phase " + phase.name() + " (" + phase.seconds() + " s)");
					at += Duration.ofSeconds(phase.seconds()).toNanos();
				}
				sleepUntil(end);
			}
			String report = report(new ArrayList<>(samples), phases, phaseStarts, rate, workers, slow);
			System.out.println(report);
			String out = options.get("out");
			if (out != null) {
				Files.writeString(Path.of(out).resolve("report.md"), report);
			}
		}
	}

	private static void work(HttpClient http, URI gateway, long first, long interval, long end, String[] phase,
			List<Sample> samples) {
		long next = first;
		while (next < end) {
			sleepUntil(next);
			String name = phase[0];
			long sent = System.nanoTime();
			Sample sample;
			try {
				HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(gateway)
					.timeout(Duration.ofSeconds(30))
					.header("content-type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(QUERY))
					.build(), HttpResponse.BodyHandlers.ofByteArray());
				long latency = System.nanoTime() - sent;
				sample = sample(name, sent, latency, response.statusCode(), response.body());
			}
			catch (IOException ex) {
				sample = new Sample(name, sent, System.nanoTime() - sent, false, false, List.of("CLIENT_IO_ERROR"));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			samples.add(sample);
			// paced: a slow answer delays this worker, it never sends a burst to catch up
			next = Math.max(next + interval, System.nanoTime());
		}
	}

	static Sample sample(String phase, long sent, long latency, int status, byte[] body) {
		if (status != 200) {
			return new Sample(phase, sent, latency, false, false, List.of("HTTP_" + status));
		}
		JsonNode response = JSON.readTree(body);
		JsonNode products = response.path("data").path("products");
		boolean intact = products.size() == FaultSubgraphs.PRODUCTS.size();
		boolean complete = intact && response.path("data").path("warehouse").isString();
		for (int i = 0; i < products.size(); i++) {
			intact &= FaultSubgraphs.PRODUCTS.get(i).get("name").equals(products.path(i).path("name").asString(""));
			complete &= products.path(i).path("inStock").isNumber();
		}
		List<String> codes = new ArrayList<>();
		for (JsonNode error : response.path("errors")) {
			String code = error.path("extensions").path("code").asString("NONE");
			if (!codes.contains(code)) {
				codes.add(code);
			}
		}
		return new Sample(phase, sent, latency, intact, complete, codes);
	}

	static String report(List<Sample> samples, List<Phase> phases, Map<String, Long> starts, int rate, int workers,
			Duration slow) {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"Load: %d requests/s offered by %d paced workers; stock killed in `down`, answers delayed by %d ms in `slow`.%n%n",
				rate, workers, slow.toMillis()));
		out.append(
				"| phase | responses | products intact | stock complete | p50 ms | p99 ms | max ms | error codes (responses) |\n");
		out.append("|---|---|---|---|---|---|---|---|\n");
		for (Phase phase : phases) {
			List<Sample> in = samples.stream().filter((s) -> s.phase().equals(phase.name())).toList();
			row(out, phase.name(), in);
		}
		List<Sample> open = samples.stream()
			.filter((s) -> !s.phase().equals("warmup") && s.codes().contains("SUBREQUEST_CIRCUIT_OPEN"))
			.toList();
		row(out, "breaker open (any phase)", open);
		Long restored = starts.get("restored");
		if (restored != null) {
			List<Sample> after = samples.stream()
				.filter((s) -> s.sentNanos() >= restored)
				.sorted((a, b) -> Long.compare(a.sentNanos(), b.sentNanos()))
				.toList();
			long first = after.stream()
				.filter(Sample::stockComplete)
				.mapToLong((s) -> s.sentNanos() - restored)
				.findFirst()
				.orElse(-1);
			long lastBad = after.stream()
				.filter((s) -> !s.stockComplete())
				.mapToLong((s) -> s.sentNanos() - restored)
				.max()
				.orElse(-1);
			out.append(String.format(Locale.ROOT,
					"%nRecovery after the restore: first complete response sent %s after it; every response complete from %s after it.%n",
					(first < 0) ? "never" : String.format(Locale.ROOT, "%.2f s", first / 1e9),
					(lastBad < 0) ? "0 s" : String.format(Locale.ROOT, "%.2f s", lastBad / 1e9)));
		}
		return out.toString();
	}

	private static void row(StringBuilder out, String name, List<Sample> in) {
		Latencies latencies = new Latencies();
		in.forEach((s) -> latencies.record(s.latencyNanos()));
		Latencies sorted = Latencies.merge(List.of(latencies));
		long intact = in.stream().filter(Sample::productsIntact).count();
		long complete = in.stream().filter(Sample::stockComplete).count();
		Map<String, Integer> codes = new TreeMap<>();
		in.forEach((s) -> s.codes().forEach((c) -> codes.merge(c, 1, Integer::sum)));
		out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.1f | %.1f | %s |%n", name, in.size(),
				percent(intact, in.size()), percent(complete, in.size()), sorted.percentileMillis(50),
				sorted.percentileMillis(99), sorted.percentileMillis(100), codes.isEmpty() ? "—" : codes.toString()));
	}

	private static String percent(long part, int whole) {
		return (whole == 0) ? "—" : String.format(Locale.ROOT, "%.2f %%", 100.0 * part / whole);
	}

	private static void awaitGateway(HttpClient http, URI gateway) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(gateway)
					.header("content-type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(QUERY))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("the gateway at " + gateway + " did not answer within 120 s");
	}

	private static void sleepUntil(long nanoTime) {
		long wait = nanoTime - System.nanoTime();
		if (wait > 0) {
			try {
				Thread.sleep(Duration.ofNanos(wait));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static void log(String message) {
		System.err.println("[gateway-faults " + LocalTime.now().withNano(0) + "] " + message);
	}

}
