package dev.zielwerk.gateway.subscription;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.zielwerk.gateway.router.GraphQlRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * One client's graphql-ws connection: {@code connection_init} within the timeout and
 * once, authentication, then subscriptions by id (at most {@code max-per-connection} at
 * once). Each subscription is a stream of messages merged into the socket's output, so a
 * slow client is felt by each subscription's bounded buffer rather than by an unbounded
 * queue. When the socket ends, every subscription is cancelled, which completes and
 * closes its subgraph leg.
 */
final class ClientConnection {

	private static final Log logger = LogFactory.getLog(ClientConnection.class);

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	/** Control messages (acks, pongs, errors) waiting for the socket; bounded. */
	private static final int CONTROL_QUEUE = 256;

	private final WebSocketSession session;

	private final Context context;

	private final GraphQlWs protocol;

	/**
	 * Streams of messages for the socket: the control messages, then one per
	 * subscription.
	 */
	private final Sinks.Many<Flux<String>> streams = Sinks.many().unicast().onBackpressureBuffer();

	private final Sinks.Many<String> control = Sinks.many()
		.unicast()
		.onBackpressureBuffer(Queues.<String>get(CONTROL_QUEUE).get());

	/** Active subscriptions by id, with the signal that ends one. */
	private final Map<String, Sinks.Empty<Void>> active = new ConcurrentHashMap<>();

	private final AtomicBoolean initialised = new AtomicBoolean();

	private final Disposable.Composite timers = Disposables.composite();

	private volatile @Nullable Map<String, String> upstreamInit;

	/** Who connected, once accepted. */
	private volatile @Nullable Object principal;

	ClientConnection(WebSocketSession session, Context context) {
		this.session = session;
		this.context = context;
		this.protocol = context.protocol();
	}

	Mono<Void> run() {
		this.streams.tryEmitNext(this.control.asFlux());
		this.timers.add(Mono.delay(this.context.properties().connectionInitTimeout()).subscribe((tick) -> {
			if (!this.initialised.get()) {
				close(GraphQlWs.INIT_TIMEOUT, "Connection initialisation timeout").subscribe();
			}
		}));
		int streams = this.context.properties().maxPerConnection() + 1;
		Mono<Void> output = this.session
			.send(this.streams.asFlux().flatMap((stream) -> stream, streams).map(this.session::textMessage));
		Mono<Void> input = this.session.receive()
			.map(WebSocketMessage::getPayloadAsText)
			.concatMap(this::received)
			.then();
		// whichever ends first (client closed, or the gateway closed the socket) cancels
		// the
		// other, and with it every subscription
		Mono<Void> shutdown = this.context.stopping()
			.asMono()
			.then(Mono.defer(() -> close(CloseStatus.GOING_AWAY.getCode(), "The gateway is shutting down")));
		return Mono.firstWithSignal(input, output, shutdown).doFinally((signal) -> {
			this.timers.dispose();
			this.active.values().forEach(Sinks.Empty::tryEmitEmpty);
		});
	}

	private Mono<Void> received(String text) {
		JsonNode message = this.protocol.read(text);
		String type = (message instanceof ObjectNode) ? GraphQlWs.text(message.get("type")) : null;
		if (message == null || type == null) {
			return close(GraphQlWs.BAD_REQUEST, "Invalid message received: not a graphql-ws message");
		}
		return switch (type) {
			case GraphQlWs.CONNECTION_INIT -> init(message.get("payload"));
			case GraphQlWs.PING -> {
				reply(this.protocol.message(GraphQlWs.PONG, message.get("payload")));
				yield Mono.empty();
			}
			case GraphQlWs.PONG -> Mono.empty();
			case GraphQlWs.SUBSCRIBE -> subscribe(message);
			case GraphQlWs.COMPLETE -> complete(message);
			default -> close(GraphQlWs.BAD_REQUEST, "Invalid message received: unknown type '" + type + "'");
		};
	}

	private Mono<Void> init(@Nullable JsonNode payload) {
		if (!this.initialised.compareAndSet(false, true)) {
			return close(GraphQlWs.TOO_MANY_INIT, "Too many initialisation requests");
		}
		if (payload != null && !payload.isNull() && !payload.isObject()) {
			return close(GraphQlWs.BAD_REQUEST,
					"Invalid message received: the connection_init payload must be an object");
		}
		Map<String, Object> values = (payload instanceof ObjectNode object)
				? this.context.mapper().convertValue(object, MAP) : Map.of();
		return this.context.authenticator()
			.authenticate(values, this.session.getHandshakeInfo().getHeaders())
			.onErrorResume((ex) -> {
				logger.debug("A subscription connection was rejected", ex);
				return Mono.empty();
			})
			.map((authentication) -> {
				this.principal = authentication.principal();
				this.upstreamInit = ForwardedHeaders.pick(this.context.properties().forwardHeaders(), values,
						this.session.getHandshakeInfo().getHeaders(), authentication.upstreamHeaders());
				reply(this.protocol.message(GraphQlWs.CONNECTION_ACK));
				this.timers.add(Flux.interval(this.context.properties().keepAlive())
					.subscribe((tick) -> reply(this.protocol.message(GraphQlWs.PING))));
				return true;
			})
			.switchIfEmpty(Mono.defer(() -> close(GraphQlWs.FORBIDDEN, "Forbidden").thenReturn(false)))
			.then();
	}

	private Mono<Void> subscribe(JsonNode message) {
		String id = GraphQlWs.text(message.get("id"));
		JsonNode payload = message.get("payload");
		GraphQlRequest request = (payload instanceof ObjectNode object) ? request(object) : null;
		if (id == null || id.isEmpty() || request == null) {
			return close(GraphQlWs.BAD_REQUEST,
					"Invalid message received: subscribe needs an id and a payload with a query");
		}
		Map<String, String> upstreamInit = this.upstreamInit;
		if (upstreamInit == null) {
			return close(GraphQlWs.UNAUTHORIZED, "Unauthorized");
		}
		if (this.active.containsKey(id)) {
			return close(GraphQlWs.DUPLICATE_ID, "Subscriber for " + id + " already exists");
		}
		int max = this.context.properties().maxPerConnection();
		if (this.active.size() >= max) {
			reply(this.protocol.errors(id,
					List.of(SubscriptionErrors.error(
							"This connection already holds " + max + " subscriptions, the maximum; complete one first.",
							SubscriptionErrors.LIMIT))));
			return Mono.empty();
		}
		Sinks.Empty<Void> stop = Sinks.empty();
		this.active.put(id, stop);
		Flux<String> stream = this.context.subscriptions()
			.execute(request, upstreamInit, this.principal)
			.map((response) -> response.has("data") ? this.protocol.message(GraphQlWs.NEXT, id, response)
					: this.protocol.message(GraphQlWs.ERROR, id, response.get("errors")))
			.concatWith(Mono.fromSupplier(() -> this.protocol.message(GraphQlWs.COMPLETE, id, null)))
			.onErrorResume((ex) -> Mono.just(this.protocol.errors(id, SubscriptionErrors.of(ex))))
			.takeUntilOther(stop.asMono())
			.doFinally((signal) -> this.active.remove(id, stop));
		this.streams.tryEmitNext(stream);
		return Mono.empty();
	}

	private Mono<Void> complete(JsonNode message) {
		String id = GraphQlWs.text(message.get("id"));
		if (id == null) {
			return close(GraphQlWs.BAD_REQUEST, "Invalid message received: complete needs an id");
		}
		Sinks.Empty<Void> stop = this.active.remove(id);
		if (stop != null) {
			stop.tryEmitEmpty();
		}
		return Mono.empty();
	}

	private @Nullable GraphQlRequest request(ObjectNode payload) {
		String query = GraphQlWs.text(payload.get("query"));
		JsonNode variables = payload.get("variables");
		JsonNode operationName = payload.get("operationName");
		if (query == null || (variables != null && !variables.isNull() && !variables.isObject())
				|| (operationName != null && !operationName.isNull() && !operationName.isString())) {
			return null;
		}
		return new GraphQlRequest(query, GraphQlWs.text(operationName),
				(variables instanceof ObjectNode object) ? object : JsonNodeFactory.instance.objectNode(), false, true);
	}

	private void reply(String message) {
		Sinks.EmitResult result;
		// replies come from the socket's reader and from the keep-alive timer: one at a
		// time
		synchronized (this.control) {
			result = this.control.tryEmitNext(message);
		}
		if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
			// the client stopped reading but keeps sending: nothing can be answered any
			// more
			close(1008, "The client does not read its messages").subscribe();
		}
	}

	private Mono<Void> close(int code, String reason) {
		return this.session.close(new CloseStatus(code, reason));
	}

	/**
	 * What every connection shares; {@code stopping} fires when the gateway shuts down,
	 * so open subscriptions end at once instead of holding up the graceful shutdown.
	 */
	record Context(Subscriptions subscriptions, GraphQlWs protocol, ObjectMapper mapper,
			SubscriptionProperties properties, ConnectionAuthenticator authenticator, Sinks.Empty<Void> stopping) {
	}

}
