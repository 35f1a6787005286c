package dev.zielwerk.gateway.http;

import dev.zielwerk.gateway.router.GraphQlGateway;
import dev.zielwerk.gateway.router.GraphQlRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * GraphQL over HTTP: POST with a JSON body, GET with query parameters (queries only). A
 * thin handler straight into the gateway pipeline, so the hot path pays for no execution
 * engine it does not use.
 */
final class GraphQlHttpHandler {

	static final String PLAN_HEADER = "x-zielwerk-plan";

	private final ObjectProvider<GraphQlGateway> gateway;

	private final JsonMapper mapper;

	GraphQlHttpHandler(ObjectProvider<GraphQlGateway> gateway, JsonMapper mapper) {
		this.gateway = gateway;
		this.mapper = mapper;
	}

	Mono<ServerResponse> post(ServerRequest request) {
		return request.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
			JsonNode body;
			try {
				body = this.mapper.readTree(bytes);
			}
			catch (JacksonException ex) {
				return badRequest("The request body is not valid JSON.");
			}
			if (!(body instanceof ObjectNode object)) {
				return badRequest("The request body must be a JSON object.");
			}
			JsonNode variables = object.get("variables");
			if (variables != null && !variables.isNull() && !variables.isObject()) {
				return badRequest("`variables` must be an object.");
			}
			return execute(request, text(object.get("query")), text(object.get("operationName")), variables,
					object.get("extensions"), true);
		});
	}

	Mono<ServerResponse> get(ServerRequest request) {
		JsonNode variables;
		JsonNode extensions;
		try {
			variables = request.queryParam("variables").map(this.mapper::readTree).orElse(null);
			extensions = request.queryParam("extensions").map(this.mapper::readTree).orElse(null);
		}
		catch (JacksonException ex) {
			return badRequest("`variables` and `extensions` must be JSON.");
		}
		return execute(request, request.queryParam("query").orElse(null),
				request.queryParam("operationName").orElse(null), variables, extensions, false);
	}

	private Mono<ServerResponse> execute(ServerRequest http, @Nullable String query, @Nullable String operationName,
			@Nullable JsonNode variables, @Nullable JsonNode extensions, boolean allowMutations) {
		GraphQlGateway gateway = this.gateway.getIfAvailable();
		if (gateway == null) {
			return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(error(
						"No supergraph is configured: set zielwerk.gateway.supergraph or zielwerk.gateway.subgraphs."));
		}
		boolean includePlan = "true".equalsIgnoreCase(http.headers().firstHeader(PLAN_HEADER))
				|| (extensions != null && extensions.path("zielwerkPlan").asBoolean(false));
		ObjectNode vars = (variables instanceof ObjectNode object) ? object : JsonNodeFactory.instance.objectNode();
		GraphQlRequest request = new GraphQlRequest(query, operationName, vars, includePlan, allowMutations);
		return gateway.execute(request)
			.flatMap((response) -> ServerResponse.ok()
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(this.mapper.writeValueAsBytes(response)));
	}

	private Mono<ServerResponse> badRequest(String message) {
		return ServerResponse.badRequest().contentType(MediaType.APPLICATION_JSON).bodyValue(error(message));
	}

	private byte[] error(String message) {
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		ObjectNode error = response.putArray("errors").addObject();
		error.put("message", message);
		error.putObject("extensions").put("code", "BAD_REQUEST");
		return this.mapper.writeValueAsBytes(response);
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node != null && node.isString()) ? node.stringValue() : null;
	}

}
