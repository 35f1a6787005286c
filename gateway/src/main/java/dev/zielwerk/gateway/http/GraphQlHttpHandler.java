package dev.zielwerk.gateway.http;

import java.util.ArrayList;
import java.util.List;

import dev.zielwerk.gateway.apq.PersistedQueries;
import dev.zielwerk.gateway.limits.CsrfPrevention;
import dev.zielwerk.gateway.limits.ErrorCodes;
import dev.zielwerk.gateway.limits.LimitsProperties;
import dev.zielwerk.gateway.operation.RequestError;
import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.telemetry.GatewayMetrics;
import dev.zielwerk.gateway.router.GraphQlRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * GraphQL over HTTP: POST with a JSON body, GET with query parameters (queries only; a
 * mutation gets 405). A thin handler straight into the gateway pipeline, so the hot path
 * pays for no execution engine it does not use. Bodies over the size limit get 413;
 * requests that could be browser CSRF and batches (unless switched on) get 400.
 */
final class GraphQlHttpHandler {

	static final String PLAN_HEADER = "x-zielwerk-plan";

	private final ObjectProvider<GraphQlGateway> gateway;

	private final JsonMapper mapper;

	private final LimitsProperties limits;

	private final PersistedQueries persistedQueries;

	private final @Nullable GatewayMetrics metrics;

	GraphQlHttpHandler(ObjectProvider<GraphQlGateway> gateway, JsonMapper mapper, LimitsProperties limits) {
		this(gateway, mapper, limits, PersistedQueries.disabled(), null);
	}

	GraphQlHttpHandler(ObjectProvider<GraphQlGateway> gateway, JsonMapper mapper, LimitsProperties limits,
			PersistedQueries persistedQueries, @Nullable GatewayMetrics metrics) {
		this.gateway = gateway;
		this.mapper = mapper;
		this.limits = limits;
		this.persistedQueries = persistedQueries;
		this.metrics = metrics;
	}

	Mono<ServerResponse> post(ServerRequest request) {
		if (!preflighted(request)) {
			return badRequest(CsrfPrevention.MESSAGE, ErrorCodes.CSRF_PREFLIGHT_REQUIRED);
		}
		int maxBytes = (int) Math.min(Integer.MAX_VALUE, this.limits.maxRequestBytes().toBytes());
		if (request.headers().contentLength().orElse(0) > maxBytes) {
			return tooLarge(maxBytes);
		}
		return RequestBodies.read(request, maxBytes).flatMap((bytes) -> {
			JsonNode body;
			try {
				body = this.mapper.readTree(bytes);
			}
			catch (JacksonException ex) {
				return badRequest("The request body is not valid JSON.");
			}
			if (body instanceof ArrayNode batch) {
				return batch(request, batch);
			}
			if (!(body instanceof ObjectNode object)) {
				return badRequest("The request body must be a JSON object.");
			}
			GraphQlRequest graphQl = graphQlRequest(request, object);
			if (graphQl == null) {
				return badRequest("`variables` must be an object.");
			}
			return execute(graphQl, object.get("extensions"));
		}).onErrorResume(DataBufferLimitException.class, (ex) -> tooLarge(maxBytes));
	}

	private Mono<ServerResponse> batch(ServerRequest http, ArrayNode batch) {
		if (!this.limits.batching()) {
			return badRequest("Batched requests are not enabled: send one operation per request.",
					ErrorCodes.BATCHING_NOT_ENABLED);
		}
		if (batch.size() > this.limits.maxBatchSize()) {
			return badRequest(
					"The batch has " + batch.size() + " requests; the maximum is " + this.limits.maxBatchSize() + ".",
					ErrorCodes.BATCH_TOO_LARGE);
		}
		GraphQlGateway gateway = this.gateway.getIfAvailable();
		if (gateway == null) {
			return unavailable();
		}
		List<GraphQlRequest> requests = new ArrayList<>();
		for (JsonNode item : batch) {
			GraphQlRequest request = (item instanceof ObjectNode object) ? graphQlRequest(http, object) : null;
			if (request == null) {
				return badRequest("Every request of a batch must be a JSON object with `variables` an object.");
			}
			requests.add(request);
		}
		return Flux.fromIterable(requests)
			.concatMap(gateway::execute)
			.collectList()
			.flatMap((responses) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(this.mapper.writeValueAsBytes(responses)));
	}

	private @Nullable GraphQlRequest graphQlRequest(ServerRequest http, ObjectNode object) {
		JsonNode variables = object.get("variables");
		if (variables != null && !variables.isNull() && !variables.isObject()) {
			return null;
		}
		return request(http, text(object.get("query")), text(object.get("operationName")), variables,
				object.get("extensions"), true);
	}

	Mono<ServerResponse> get(ServerRequest request) {
		if (!preflighted(request)) {
			return badRequest(CsrfPrevention.MESSAGE, ErrorCodes.CSRF_PREFLIGHT_REQUIRED);
		}
		JsonNode variables;
		JsonNode extensions;
		try {
			variables = request.queryParam("variables").map(this.mapper::readTree).orElse(null);
			extensions = request.queryParam("extensions").map(this.mapper::readTree).orElse(null);
		}
		catch (JacksonException ex) {
			return badRequest("`variables` and `extensions` must be JSON.");
		}
		return execute(request(request, request.queryParam("query").orElse(null),
				request.queryParam("operationName").orElse(null), variables, extensions, false), extensions);
	}

	private boolean preflighted(ServerRequest request) {
		return !this.limits.csrfPrevention()
				|| CsrfPrevention.isPreflighted(request.headers().asHttpHeaders(), this.limits.csrfRequiredHeaders());
	}

	private static GraphQlRequest request(ServerRequest http, @Nullable String query, @Nullable String operationName,
			@Nullable JsonNode variables, @Nullable JsonNode extensions, boolean allowMutations) {
		boolean includePlan = "true".equalsIgnoreCase(http.headers().firstHeader(PLAN_HEADER))
				|| (extensions != null && extensions.path("zielwerkPlan").asBoolean(false));
		ObjectNode vars = (variables instanceof ObjectNode object) ? object : JsonNodeFactory.instance.objectNode();
		return new GraphQlRequest(query, operationName, vars, includePlan, allowMutations);
	}

	private Mono<ServerResponse> execute(GraphQlRequest request, @Nullable JsonNode extensions) {
		GraphQlGateway gateway = this.gateway.getIfAvailable();
		if (gateway == null) {
			return unavailable();
		}
		// a persisted query's text is resolved from its hash (or refused) before parsing
		return this.persistedQueries.resolve(request.query(), extensions).flatMap((resolved) -> {
			RequestError refusal = resolved.error();
			GraphQlRequest run = request.withQuery(resolved.query());
			Mono<ObjectNode> response = (refusal != null) ? Mono.just(errorNode(refusal.message(), refusal.code()))
					: gateway.execute(run);
			return respond((this.metrics != null) ? this.metrics.observe(run, response) : response);
		});
	}

	private Mono<ServerResponse> respond(Mono<ObjectNode> execution) {
		return execution.flatMap((response) -> {
			if (!response.has("data") && ErrorCodes.METHOD_NOT_ALLOWED
				.equals(response.path("errors").path(0).path("extensions").path("code").asString(""))) {
				// GraphQL over HTTP: a mutation over GET is refused with 405
				return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
					.header(HttpHeaders.ALLOW, "POST")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(this.mapper.writeValueAsBytes(response));
			}
			return ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(this.mapper.writeValueAsBytes(response));
		});
	}

	private Mono<ServerResponse> unavailable() {
		return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(
					error("No supergraph is configured: set zielwerk.gateway.supergraph or zielwerk.gateway.subgraphs.",
							"BAD_REQUEST"));
	}

	private Mono<ServerResponse> tooLarge(int maxBytes) {
		return ServerResponse.status(HttpStatus.CONTENT_TOO_LARGE)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(error("The request body is larger than the maximum of " + maxBytes + " bytes.",
					ErrorCodes.REQUEST_TOO_LARGE));
	}

	private Mono<ServerResponse> badRequest(String message) {
		return badRequest(message, "BAD_REQUEST");
	}

	private Mono<ServerResponse> badRequest(String message, String code) {
		return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON).bodyValue(error(message, code));
	}

	private byte[] error(String message, String code) {
		return this.mapper.writeValueAsBytes(errorNode(message, code));
	}

	private static ObjectNode errorNode(String message, String code) {
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		ObjectNode error = response.putArray("errors").addObject();
		error.put("message", message);
		error.putObject("extensions").put("code", code);
		return response;
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

}
