package dev.zielwerk.gateway.subscription;

import java.util.List;
import java.util.Map;

import dev.zielwerk.gateway.http.RequestBodies;
import dev.zielwerk.gateway.limits.CsrfPrevention;
import dev.zielwerk.gateway.limits.ErrorCodes;
import dev.zielwerk.gateway.limits.LimitsProperties;
import dev.zielwerk.gateway.router.GraphQlRequest;
import dev.zielwerk.gateway.security.AuthenticationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The client leg over GraphQL over SSE, distinct connections mode: a POST to
 * {@code /graphql} that accepts {@code text/event-stream} gets one {@code next} event per
 * response and a {@code complete} event at the end; errors of the request or of the
 * subgraph leg come as a {@code next} with {@code errors} before {@code complete}.
 * Closing the connection ends the subscription. Comments keep an idle stream alive.
 */
final class GraphQlSseHandler {

	private static final Log logger = LogFactory.getLog(GraphQlSseHandler.class);

	private final ClientConnection.Context context;

	private final LimitsProperties limits;

	GraphQlSseHandler(ClientConnection.Context context, LimitsProperties limits) {
		this.context = context;
		this.limits = limits;
	}

	/**
	 * Matches requests that name {@code text/event-stream} in {@code Accept} (a wildcard
	 * is not enough: ordinary clients send one and want JSON).
	 */
	static RequestPredicate acceptsEventStream() {
		return (request) -> request.headers()
			.accept()
			.stream()
			.anyMatch((type) -> "text".equals(type.getType()) && "event-stream".equals(type.getSubtype()));
	}

	Mono<ServerResponse> post(ServerRequest request) {
		if (this.limits.csrfPrevention() && !CsrfPrevention.isPreflighted(request.headers().asHttpHeaders(),
				this.limits.csrfRequiredHeaders())) {
			return reject(HttpStatus.BAD_REQUEST, CsrfPrevention.MESSAGE, ErrorCodes.CSRF_PREFLIGHT_REQUIRED);
		}
		int maxBytes = (int) Math.min(Integer.MAX_VALUE, this.limits.maxRequestBytes().toBytes());
		return RequestBodies.read(request, maxBytes).flatMap((bytes) -> {
			GraphQlRequest graphQl = parse(bytes);
			if (graphQl == null) {
				return reject(HttpStatus.BAD_REQUEST,
						"The request body must be a JSON object with a `query` and `variables` an object.",
						"BAD_REQUEST");
			}
			return this.context.authenticator()
				.authenticate(Map.of(), request.headers().asHttpHeaders())
				.flatMap((authentication) -> stream(graphQl,
						ForwardedHeaders.pick(this.context.properties().forwardHeaders(), Map.of(),
								request.headers().asHttpHeaders(), authentication.upstreamHeaders()),
						authentication.principal()))
				.onErrorResume((ex) -> {
					logger.debug("A subscription request was rejected", ex);
					// invalid credentials are told apart, as the HTTP filter does; the
					// message names the problem, never the credential
					return (ex instanceof AuthenticationException invalid) ? reject(HttpStatus.UNAUTHORIZED,
							String.valueOf(invalid.getMessage()), AuthenticationException.CODE) : Mono.empty();
				})
				.switchIfEmpty(Mono.defer(() -> reject(HttpStatus.FORBIDDEN, "Forbidden", "FORBIDDEN")));
		})
			.onErrorResume(DataBufferLimitException.class,
					(ex) -> reject(HttpStatus.CONTENT_TOO_LARGE,
							"The request body is larger than the maximum of " + maxBytes + " bytes.",
							ErrorCodes.REQUEST_TOO_LARGE));
	}

	private Mono<ServerResponse> stream(GraphQlRequest request, Map<String, String> upstreamInit,
			@Nullable Object principal) {
		Sinks.Empty<Void> ended = Sinks.empty();
		Flux<ServerSentEvent<String>> events = this.context.subscriptions()
			.execute(request, upstreamInit, principal)
			.onErrorResume((ex) -> Mono.just(SubscriptionErrors.response(SubscriptionErrors.of(ex))))
			.map((response) -> ServerSentEvent.builder(this.context.protocol().write(response))
				.event(GraphQlWs.NEXT)
				.build())
			.concatWith(Mono.just(ServerSentEvent.builder("").event(GraphQlWs.COMPLETE).build()))
			.doFinally((signal) -> ended.tryEmitEmpty());
		Flux<ServerSentEvent<String>> heartbeats = Flux.interval(this.context.properties().keepAlive())
			.map((tick) -> ServerSentEvent.<String>builder().comment("").build())
			.takeUntilOther(ended.asMono());
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header("Cache-Control", "no-cache")
			.body(BodyInserters
				.fromServerSentEvents(Flux.merge(events, heartbeats).takeUntilOther(this.context.stopping().asMono())));
	}

	private @Nullable GraphQlRequest parse(byte[] bytes) {
		JsonNode body;
		try {
			body = this.context.mapper().readTree(bytes);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (!(body instanceof ObjectNode object)) {
			return null;
		}
		String query = GraphQlWs.text(object.get("query"));
		JsonNode variables = object.get("variables");
		if (query == null || (variables != null && !variables.isNull() && !variables.isObject())) {
			return null;
		}
		return new GraphQlRequest(query, GraphQlWs.text(object.get("operationName")),
				(variables instanceof ObjectNode vars) ? vars : JsonNodeFactory.instance.objectNode(), false, true);
	}

	private Mono<ServerResponse> reject(HttpStatus status, String message, String code) {
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.context.protocol()
				.write(SubscriptionErrors.response(List.of(SubscriptionErrors.error(message, code)))));
	}

}
