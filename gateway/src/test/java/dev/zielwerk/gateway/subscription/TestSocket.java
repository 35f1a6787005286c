package dev.zielwerk.gateway.subscription;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A graphql-ws client for tests: sends what the test says, answers the gateway's pings
 * (counting them), and hands over every other message and the close status.
 */
final class TestSocket implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

	private final Sinks.Many<String> outbound = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.One<CloseStatus> closed = Sinks.one();

	private final AtomicInteger pings = new AtomicInteger();

	private final Disposable connection;

	private TestSocket(URI uri, HttpHeaders headers) {
		WebSocketHandler handler = new WebSocketHandler() {

			@Override
			public List<String> getSubProtocols() {
				return List.of("graphql-transport-ws");
			}

			@Override
			public Mono<Void> handle(WebSocketSession session) {
				Mono<Void> receive = session.receive()
					.map(WebSocketMessage::getPayloadAsText)
					.doOnNext((text) -> received(JSON.readTree(text)))
					.then();
				Mono<Void> send = session.send(TestSocket.this.outbound.asFlux().map(session::textMessage))
					.then(Mono.defer(session::close));
				session.closeStatus()
					.defaultIfEmpty(CloseStatus.NO_STATUS_CODE)
					.subscribe(TestSocket.this.closed::tryEmitValue);
				return Mono.when(receive, send);
			}

		};
		this.connection = new ReactorNettyWebSocketClient().execute(uri, headers, handler).subscribe();
	}

	static TestSocket connect(int port) {
		return new TestSocket(URI.create("ws://127.0.0.1:" + port + "/graphql"), new HttpHeaders());
	}

	/** Connects with headers on the upgrade request. */
	static TestSocket connect(int port, HttpHeaders headers) {
		return new TestSocket(URI.create("ws://127.0.0.1:" + port + "/graphql"), headers);
	}

	/** Connects, initialises with a payload and waits for the acknowledgement. */
	static TestSocket initialised(int port, String payload) {
		TestSocket socket = connect(port);
		socket.send("{\"type\":\"connection_init\",\"payload\":" + payload + "}");
		assertThat(socket.next().path("type").asString()).isEqualTo("connection_ack");
		return socket;
	}

	private void received(JsonNode message) {
		if ("ping".equals(message.path("type").asString())) {
			this.pings.incrementAndGet();
			send("{\"type\":\"pong\"}");
			return;
		}
		this.received.add(message);
	}

	void send(String message) {
		this.outbound.tryEmitNext(message);
	}

	void subscribe(String id, String query) {
		send(JSON.writeValueAsString(JSON.createObjectNode()
			.put("id", id)
			.put("type", "subscribe")
			.set("payload", JSON.createObjectNode().put("query", query))));
	}

	/** The next message other than a ping. */
	JsonNode next() {
		try {
			JsonNode message = this.received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (message == null) {
				fail("no message within " + WAIT);
			}
			return message;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The next message matching, skipping others. */
	JsonNode next(Predicate<JsonNode> matching) {
		JsonNode message = next();
		while (!matching.test(message)) {
			message = next();
		}
		return message;
	}

	@Nullable JsonNode poll(Duration wait) throws InterruptedException {
		return this.received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	int pingsReceived() {
		return this.pings.get();
	}

	CloseStatus closeStatus() {
		return this.closed.asMono().block(WAIT);
	}

	/** Closes the socket from the client's side. */
	@Override
	public void close() {
		this.outbound.tryEmitComplete();
		Mono.delay(Duration.ofSeconds(5)).subscribe((tick) -> this.connection.dispose());
	}

}
