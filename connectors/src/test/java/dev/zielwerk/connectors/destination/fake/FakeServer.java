package dev.zielwerk.connectors.destination.fake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local HTTP server on a random loopback port that a destination fake builds on: it
 * records every request, and answers queued quirks (a status with a body, a connection
 * reset, a delay) before the fake's own protocol handling.
 */
public abstract class FakeServer implements AutoCloseable {

	protected static final JsonMapper JSON = JsonMapper.builder().build();

	private final DisposableServer server;

	private final Queue<Quirk> quirks = new ConcurrentLinkedQueue<>();

	private final List<Instant> arrivals = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);

	// the handler runs only for requests, which cannot arrive before the subclass is
	// built
	@SuppressWarnings("this-escape")
	protected FakeServer() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle(this::dispatch).bindNow();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Answers the next requests with these quirks, one per request, in order.
	 * @param next the quirks
	 */
	public void enqueue(Quirk... next) {
		this.quirks.addAll(List.of(next));
	}

	/**
	 * Delays every answer from now on: a slow destination.
	 * @param delay the delay
	 */
	public void slowDown(Duration delay) {
		this.latency.set(delay);
	}

	public int requestCount() {
		return this.arrivals.size();
	}

	public List<Instant> arrivals() {
		synchronized (this.arrivals) {
			return List.copyOf(this.arrivals);
		}
	}

	public int maxInFlight() {
		return this.maxInFlight.get();
	}

	protected int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * The fake's protocol.
	 * @param request the request
	 * @return the answer
	 */
	protected abstract Reply handle(Request request);

	private Publisher<Void> dispatch(HttpServerRequest request, HttpServerResponse response) {
		this.arrivals.add(Instant.now());
		this.maxInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
		Quirk quirk = this.quirks.poll();
		return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
			if (quirk instanceof Quirk.Reset) {
				response.withConnection(connection -> {
					connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
					connection.channel().close();
				});
				return Mono.<Reply>empty();
			}
			Duration delay = (quirk instanceof Quirk.Delay d) ? d.delay() : this.latency.get();
			Mono<Reply> reply = (quirk instanceof Quirk.Respond r) ? Mono.just(r.reply())
					: Mono.fromCallable(() -> handle(new Request(request.method().name(), path(request.uri()),
							query(request.uri()), request.requestHeaders(), body)));
			return delay.isZero() ? reply : reply.delaySubscription(delay);
		}).flatMap(reply -> {
			response.status(reply.status());
			reply.headers().forEach(response::header);
			response.header("Content-Type", reply.contentType());
			return response.sendString(Mono.just(reply.body())).then();
		}).doFinally(signal -> this.inFlight.decrementAndGet());
	}

	private static String path(String uri) {
		int question = uri.indexOf('?');
		return (question < 0) ? uri : uri.substring(0, question);
	}

	private static String query(String uri) {
		int question = uri.indexOf('?');
		return (question < 0) ? "" : uri.substring(question + 1);
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

	/**
	 * One request as the fake saw it.
	 *
	 * @param method the method
	 * @param path the path without query
	 * @param query the raw query
	 * @param headers the headers
	 * @param body the raw body
	 */
	public record Request(String method, String path, String query, io.netty.handler.codec.http.HttpHeaders headers,
			byte[] body) {

		public @Nullable String header(String name) {
			return this.headers.get(name);
		}

		public JsonNode json() {
			return JSON.readTree(new String(this.body, StandardCharsets.UTF_8));
		}

	}

	/**
	 * One answer.
	 *
	 * @param status the status
	 * @param headers extra headers
	 * @param contentType the content type
	 * @param body the body
	 */
	public record Reply(int status, Map<String, String> headers, String contentType, String body) {

		public static Reply json(int status, Object body) {
			return new Reply(status, Map.of(), "application/json", JSON.writeValueAsString(body));
		}

		public static Reply json(int status, Map<String, String> headers, Object body) {
			return new Reply(status, headers, "application/json", JSON.writeValueAsString(body));
		}

	}

}
