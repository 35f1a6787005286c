package dev.zielwerk.gateway.subscription;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;

/**
 * The subgraph leg: one graphql-ws connection per client subscription, so ending one
 * never disturbs another and closing the connection is how a subscription is torn down.
 * The gateway acknowledges pings, pings the subgraph itself, sends {@code complete} and
 * closes when the client goes away, and turns a subgraph's {@code error}, a close without
 * {@code complete}, or a missing {@code connection_ack} into an {@link UpstreamFailure}.
 */
final class UpstreamSubscriptions {

	private static final Log logger = LogFactory.getLog(UpstreamSubscriptions.class);

	/** The id of the one subscription on each upstream connection. */
	static final String ID = "1";

	/** How long a closing connection may wait for the subgraph's close frame. */
	private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

	private final WebSocketClient client;

	private final GraphQlWs protocol;

	private final Duration keepAlive;

	private final Duration ackTimeout;

	UpstreamSubscriptions(WebSocketClient client, GraphQlWs protocol, Duration keepAlive, Duration ackTimeout) {
		this.client = client;
		this.protocol = protocol;
		this.keepAlive = keepAlive;
		this.ackTimeout = ackTimeout;
	}

	/** Subscribes at a subgraph with no extra upgrade headers. */
	Flux<ObjectNode> subscribe(String subgraph, URI uri, ObjectNode initPayload, ObjectNode subscribePayload) {
		return subscribe(subgraph, uri, new HttpHeaders(), initPayload, subscribePayload);
	}

	/**
	 * Subscribes at a subgraph. The flux is not backpressured by the subgraph (an event
	 * source such as Redis pub/sub cannot slow down), so callers bound what they buffer.
	 * @param subgraph the subgraph name, for errors
	 * @param uri its graphql-ws URL
	 * @param headers headers of the WebSocket upgrade request (a subgraph built on Spring
	 * for GraphQL sees these, not the {@code connection_init} payload, as the headers of
	 * each request on the connection)
	 * @param initPayload the {@code connection_init} payload
	 * @param subscribePayload the {@code subscribe} payload (query, variables)
	 * @return the {@code next} payloads; completes when the subgraph completes, errors
	 * with {@link UpstreamFailure}; cancelling completes and closes the leg
	 */
	Flux<ObjectNode> subscribe(String subgraph, URI uri, HttpHeaders headers, ObjectNode initPayload,
			ObjectNode subscribePayload) {
		return Flux.create((sink) -> {
			Leg leg = new Leg(subgraph, sink, initPayload, subscribePayload);
			Disposable connection = this.client.execute(uri, headers, leg)
				.subscribe(null, (ex) -> leg.fail("could not connect (" + reason(ex) + ")"), leg::closed);
			leg.connection.replace(connection);
			sink.onCancel(leg::cancel);
		}, FluxSink.OverflowStrategy.IGNORE);
	}

	/**
	 * What a client may learn about a failed connection: the network's own words, nothing
	 * from other exceptions, whose messages may carry internals.
	 */
	private static String reason(Throwable ex) {
		if (ex instanceof IOException && ex.getMessage() != null) {
			return ex.getMessage();
		}
		logger.warn("A subscription to a subgraph could not connect", ex);
		return "the connection failed";
	}

	/** One upstream connection and the subscription on it. */
	private final class Leg implements WebSocketHandler {

		private final String subgraph;

		private final FluxSink<ObjectNode> sink;

		private final ObjectNode initPayload;

		private final ObjectNode subscribePayload;

		private final Sinks.Many<String> outbound = Sinks.many()
			.unicast()
			.onBackpressureBuffer(Queues.<String>get(32).get());

		private final Sinks.Empty<Void> stopped = Sinks.empty();

		private final AtomicBoolean done = new AtomicBoolean();

		private final Disposable.Swap connection = Disposables.swap();

		private final Disposable.Composite timers = Disposables.composite();

		private volatile boolean acknowledged;

		Leg(String subgraph, FluxSink<ObjectNode> sink, ObjectNode initPayload, ObjectNode subscribePayload) {
			this.subgraph = subgraph;
			this.sink = sink;
			this.initPayload = initPayload;
			this.subscribePayload = subscribePayload;
		}

		@Override
		public List<String> getSubProtocols() {
			return List.of(GraphQlWs.PROTOCOL);
		}

		@Override
		public Mono<Void> handle(WebSocketSession session) {
			send(UpstreamSubscriptions.this.protocol.message(GraphQlWs.CONNECTION_INIT, this.initPayload));
			this.timers.add(Mono.delay(UpstreamSubscriptions.this.ackTimeout).subscribe((tick) -> {
				if (!this.acknowledged) {
					fail("it did not acknowledge the connection within " + UpstreamSubscriptions.this.ackTimeout);
				}
			}));
			Flux<String> pings = Flux.interval(UpstreamSubscriptions.this.keepAlive)
				.map((tick) -> UpstreamSubscriptions.this.protocol.message(GraphQlWs.PING));
			Mono<Void> send = session
				.send(Flux.merge(this.outbound.asFlux(), pings.takeUntilOther(this.stopped.asMono()))
					.map(session::textMessage))
				.then(Mono.defer(() -> session.close(CloseStatus.NORMAL)));
			Mono<Void> receive = session.receive()
				.map(WebSocketMessage::getPayloadAsText)
				.doOnNext(this::received)
				.then(Mono.defer(() -> session.closeStatus()
					.defaultIfEmpty(CloseStatus.NO_STATUS_CODE)
					.doOnNext(this::closedWith)
					.then()));
			return Mono.when(send, receive);
		}

		private void received(String text) {
			JsonNode message = UpstreamSubscriptions.this.protocol.read(text);
			String type = (message != null) ? GraphQlWs.text(message.get("type")) : null;
			if (message == null || type == null) {
				fail("it sent a message that is not graphql-ws");
				return;
			}
			switch (type) {
				case GraphQlWs.CONNECTION_ACK -> {
					this.acknowledged = true;
					send(UpstreamSubscriptions.this.protocol.message(GraphQlWs.SUBSCRIBE, ID, this.subscribePayload));
				}
				case GraphQlWs.NEXT -> {
					if (message.get("payload") instanceof ObjectNode payload && !this.done.get()) {
						this.sink.next(payload);
					}
				}
				case GraphQlWs.ERROR -> {
					if (this.done.compareAndSet(false, true)) {
						this.sink.error(UpstreamFailure.errors(this.subgraph, message.path("payload")));
						finish();
					}
				}
				case GraphQlWs.COMPLETE -> {
					if (this.done.compareAndSet(false, true)) {
						this.sink.complete();
						finish();
					}
				}
				case GraphQlWs.PING -> send(UpstreamSubscriptions.this.protocol.message(GraphQlWs.PONG));
				case GraphQlWs.PONG -> {
				}
				default -> fail("it sent an unknown message type '" + type + "'");
			}
		}

		private void closedWith(CloseStatus status) {
			fail("it closed the connection (" + status.getCode()
					+ ((status.getReason() != null) ? " " + status.getReason() : "") + ")");
		}

		/** The connection ended; anything but a finished subscription is a failure. */
		void closed() {
			fail("it closed the connection");
		}

		void fail(String reason) {
			if (this.done.compareAndSet(false, true)) {
				this.sink.error(UpstreamFailure.transport(this.subgraph, reason));
				finish();
			}
		}

		/** The client went away: complete the subscription upstream and close. */
		void cancel() {
			if (this.done.compareAndSet(false, true)) {
				if (this.acknowledged) {
					send(UpstreamSubscriptions.this.protocol.message(GraphQlWs.COMPLETE, ID, null));
				}
				finish();
			}
		}

		/**
		 * Stops sending (which closes the session) and bounds how long closing may take.
		 */
		private void finish() {
			this.timers.dispose();
			this.stopped.tryEmitEmpty();
			synchronized (this.outbound) {
				this.outbound.tryEmitComplete();
			}
			Mono.delay(CLOSE_GRACE).subscribe((tick) -> this.connection.dispose());
		}

		private void send(String message) {
			// the reader (pongs, subscribe) and a cancelling client may send at the same
			// time
			synchronized (this.outbound) {
				this.outbound.tryEmitNext(message);
			}
		}

	}

}
