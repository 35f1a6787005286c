package dev.zielwerk.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the demo population through profile-service's Segment-spec ingestion
 * ({@code /v1/batch}, the path every tracker uses, so the outbox, the stream and the
 * segment engine see exactly what they would in production) and creates the demo segments
 * through segment-service's {@code createSegment}.
 * <p>
 * Each person's messages go out in order from one worker; workers send in parallel.
 * Message ids are derived from the seed, so loading again sends duplicates that
 * profile-service drops.
 */
public final class DemoLoader {

	private static final Logger logger = LoggerFactory.getLogger(DemoLoader.class);

	/** Stays below profile-service's 500 KB per request. */
	private static final int MAX_BATCH_BYTES = 400_000;

	private static final int MAX_BATCH_MESSAGES = 500;

	private static final int PEOPLE_PER_CHUNK = 25;

	private static final int ATTEMPTS = 5;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final Endpoints endpoints;

	private final int concurrency;

	/**
	 * @param endpoints where profile-service and segment-service are
	 * @param concurrency how many batches are in flight at once
	 */
	public DemoLoader(Endpoints endpoints, int concurrency) {
		this.endpoints = endpoints;
		this.concurrency = concurrency;
	}

	/**
	 * Creates the segments whose key does not exist yet, in order.
	 * @return how many were created
	 */
	public int createSegments(List<DemoSegment> segments) throws IOException, InterruptedException {
		int created = 0;
		for (DemoSegment segment : segments) {
			JsonNode existing = graphql("query($key: String!) { segmentByKey(key: $key) { id } }",
					Map.of("key", segment.key()));
			if (!existing.path("segmentByKey").isNull() && !existing.path("segmentByKey").isMissingNode()) {
				continue;
			}
			Map<String, Object> input = Map.of("key", segment.key(), "name", segment.name(), "description",
					segment.description(), "rule", segment.rule());
			graphql("mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id key } }",
					Map.of("input", input));
			created++;
		}
		return created;
	}

	/** Sends every person's messages; returns what was sent. */
	public Report load(DemoPopulation population) throws IOException, InterruptedException {
		long started = System.nanoTime();
		int people = population.settings().profiles();
		int chunks = (people + PEOPLE_PER_CHUNK - 1) / PEOPLE_PER_CHUNK;
		AtomicInteger nextChunk = new AtomicInteger();
		AtomicLong messages = new AtomicLong();
		AtomicLong events = new AtomicLong();
		AtomicInteger done = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(this.concurrency, (task) -> {
			Thread thread = new Thread(task, "zielwerk-demo-loader");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < this.concurrency; i++) {
				running.add(workers.submit(() -> {
					for (int chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
						Batch batch = new Batch();
						int from = chunk * PEOPLE_PER_CHUNK;
						for (int index = from; index < Math.min(people, from + PEOPLE_PER_CHUNK); index++) {
							DemoPerson person = population.person(index);
							events.addAndGet(person.events());
							for (Map<String, Object> message : person.messages()) {
								byte[] bytes = this.json.writeValueAsBytes(message);
								if (batch.wouldOverflow(bytes.length)) {
									messages.addAndGet(send(batch));
									batch = new Batch();
								}
								batch.add(bytes);
							}
							int total = done.incrementAndGet();
							if (total % Math.max(1, people / 10) == 0) {
								logger.info("Demo data: {} of {} people sent", total, people);
							}
						}
						if (!batch.isEmpty()) {
							messages.addAndGet(send(batch));
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : running) {
				worker.get();
			}
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IllegalStateException("Loading the demo data failed", ex.getCause());
		}
		finally {
			workers.shutdownNow();
		}
		return new Report(people, messages.get(), events.get(), Duration.ofNanos(System.nanoTime() - started));
	}

	private int send(Batch batch) throws IOException, InterruptedException {
		String credentials = Base64.getEncoder()
			.encodeToString((this.endpoints.writeKey() + ":").getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(this.endpoints.profileService().resolve("/v1/batch"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + credentials)
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()))
			.build();
		for (int attempt = 1;; attempt++) {
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return batch.size();
				}
				if (response.statusCode() == 400) {
					// the good messages are committed; a generator bug shows here
					logger.warn("Demo data: profile-service refused some messages: {}", abbreviate(response.body()));
					return batch.size();
				}
				if (response.statusCode() < 500 || attempt == ATTEMPTS) {
					throw new IOException("profile-service answered " + response.statusCode() + " to a demo batch: "
							+ abbreviate(response.body()));
				}
			}
			catch (IOException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
			// message ids make the resend harmless
			Thread.sleep(200L * attempt);
		}
	}

	private JsonNode graphql(String query, Map<String, Object> variables) throws IOException, InterruptedException {
		Map<String, Object> body = new HashMap<>();
		body.put("query", query);
		body.put("variables", variables);
		HttpRequest request = HttpRequest.newBuilder(this.endpoints.segmentGraphql())
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body)))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		JsonNode answer = this.json.readTree(response.body());
		JsonNode errors = answer.path("errors");
		if (response.statusCode() != 200 || (errors.isArray() && !errors.isEmpty())) {
			throw new IOException(
					"segment-service answered " + response.statusCode() + ": " + abbreviate(response.body()));
		}
		return answer.path("data");
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return (text.length() > 500) ? text.substring(0, 500) + "…" : text;
	}

	/**
	 * Where the demo data goes.
	 *
	 * @param profileService profile-service's base URL, e.g.
	 * {@code http://localhost:4001}
	 * @param segmentGraphql segment-service's GraphQL endpoint
	 * @param writeKey a write key profile-service accepts
	 */
	public record Endpoints(URI profileService, URI segmentGraphql, String writeKey) {
	}

	/**
	 * What a load sent.
	 *
	 * @param profiles people
	 * @param messages Segment-spec messages (identify calls included)
	 * @param events behavioural events among them
	 * @param took how long it took
	 */
	public record Report(int profiles, long messages, long events, Duration took) {
	}

	/** A {@code /v1/batch} body being filled. */
	private static final class Batch {

		private final List<byte[]> messages = new ArrayList<>();

		private int bytes;

		boolean wouldOverflow(int more) {
			return !this.messages.isEmpty()
					&& (this.messages.size() >= MAX_BATCH_MESSAGES || this.bytes + more + 1 > MAX_BATCH_BYTES);
		}

		void add(byte[] message) {
			this.messages.add(message);
			this.bytes += message.length + 1;
		}

		boolean isEmpty() {
			return this.messages.isEmpty();
		}

		int size() {
			return this.messages.size();
		}

		byte[] body() {
			byte[] open = "{\"batch\":[".getBytes(StandardCharsets.UTF_8);
			byte[] body = new byte[open.length + this.bytes + 1];
			System.arraycopy(open, 0, body, 0, open.length);
			int at = open.length;
			for (int i = 0; i < this.messages.size(); i++) {
				if (i > 0) {
					body[at++] = ',';
				}
				byte[] message = this.messages.get(i);
				System.arraycopy(message, 0, body, at, message.length);
				at += message.length;
			}
			body[at++] = ']';
			body[at++] = '}';
			return java.util.Arrays.copyOf(body, at);
		}

	}

}
