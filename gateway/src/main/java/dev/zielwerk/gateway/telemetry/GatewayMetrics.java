package dev.zielwerk.gateway.telemetry;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.zielwerk.gateway.apq.Sha256;
import dev.zielwerk.gateway.execute.SubgraphClient;
import dev.zielwerk.gateway.execute.SubgraphFailure;
import dev.zielwerk.gateway.router.GraphQlRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request and subgraph-fetch metrics and the request log line.
 * <ul>
 * <li>{@code zielwerk.gateway.requests} (timer): per {@code operation} (the operation
 * name, {@code anonymous} without one) and {@code outcome} ({@code success} or
 * {@code error}: the response has errors);</li>
 * <li>{@code zielwerk.gateway.errors} (counter): every error of every response by
 * {@code code};</li>
 * <li>{@code zielwerk.gateway.subgraph.fetches} (timer): every subgraph request by
 * {@code subgraph} and {@code outcome} ({@code success}, or the error code).</li>
 * </ul>
 * Operation names and codes are chosen by clients and subgraphs: after
 * {@value #MAX_TAG_VALUES} distinct values further ones are counted as {@code other}, so
 * a client cannot grow the registry without bound. The log line (logger
 * {@code dev.zielwerk.gateway.telemetry.RequestLog}: DEBUG for every request, INFO for
 * requests with errors) holds the operation name, the SHA-256 of the document, the
 * duration, the error codes and the trace id, never variables or response data.
 */
public final class GatewayMetrics {

	static final int MAX_TAG_VALUES = 200;

	private static final Pattern NAMED_OPERATION = Pattern
		.compile("\\b(?:query|mutation|subscription)\\s+([_A-Za-z][_0-9A-Za-z]*)");

	private static final Log requestLog = LogFactory.getLog("dev.zielwerk.gateway.telemetry.RequestLog");

	private final MeterRegistry registry;

	private final Map<String, Set<String>> tagValues = new ConcurrentHashMap<>();

	public GatewayMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Observes one client request.
	 * @param request the request as it runs (persisted query resolved)
	 * @param response its execution
	 * @return the same response, observed
	 */
	public Mono<ObjectNode> observe(GraphQlRequest request, Mono<ObjectNode> response) {
		return Mono.deferContextual((context) -> {
			long started = System.nanoTime();
			TraceContext trace = context.getOrDefault(TraceContext.class, null);
			return response.doOnNext((answer) -> record(request, answer, System.nanoTime() - started, trace));
		});
	}

	private void record(GraphQlRequest request, ObjectNode answer, long nanos, @Nullable TraceContext trace) {
		String name = operationName(request);
		JsonNode errors = answer.get("errors");
		boolean failed = errors != null && !errors.isEmpty();
		Timer.builder("zielwerk.gateway.requests")
			.description("GraphQL requests by operation name")
			.tag("operation", bounded("operation", name))
			.tag("outcome", failed ? "error" : "success")
			.register(this.registry)
			.record(nanos, TimeUnit.NANOSECONDS);
		StringBuilder codes = new StringBuilder();
		if (failed) {
			for (JsonNode error : errors) {
				String code = error.path("extensions").path("code").asString("UNKNOWN");
				this.registry.counter("zielwerk.gateway.errors", "code", bounded("code", code)).increment();
				if (codes.indexOf(code) < 0) {
					codes.append((codes.length() > 0) ? "," : "").append(code);
				}
			}
		}
		if (failed ? requestLog.isInfoEnabled() : requestLog.isDebugEnabled()) {
			String query = request.query();
			String line = "operation=" + name + " hash=" + ((query != null) ? Sha256.hex(query) : "-") + " duration="
					+ (nanos / 1_000_000) + "ms" + (failed ? " errors=" + codes : "") + " traceId="
					+ ((trace != null) ? trace.traceId() : "-");
			if (failed) {
				requestLog.info(line);
			}
			else {
				requestLog.debug(line);
			}
		}
	}

	/**
	 * The operation name as sent, else the name of the first named operation in the
	 * document (a label only: the pipeline decides which operation runs).
	 */
	static String operationName(GraphQlRequest request) {
		String sent = request.operationName();
		if (sent != null && !sent.isBlank()) {
			return sent;
		}
		String query = request.query();
		if (query != null) {
			Matcher matcher = NAMED_OPERATION.matcher(query);
			if (matcher.find()) {
				return matcher.group(1);
			}
		}
		return "anonymous";
	}

	/** Times every subgraph request; outermost, so retries are inside. */
	SubgraphClient timed(SubgraphClient client) {
		return (subgraph, body) -> Mono.defer(() -> {
			long started = System.nanoTime();
			return client.post(subgraph, body)
				.doOnNext((response) -> fetched(subgraph.name(),
						(response.status() / 100 == 2) ? "success" : "HTTP_" + response.status(), started))
				.doOnError((ex) -> fetched(subgraph.name(),
						(ex instanceof SubgraphFailure failure) ? failure.code() : "SUBREQUEST_HTTP_ERROR", started));
		});
	}

	private void fetched(String subgraph, String outcome, long started) {
		Timer.builder("zielwerk.gateway.subgraph.fetches")
			.description("Requests to subgraphs, retries included")
			.tag("subgraph", bounded("subgraph", subgraph))
			.tag("outcome", outcome)
			.register(this.registry)
			.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
	}

	private String bounded(String tag, String value) {
		Set<String> seen = this.tagValues.computeIfAbsent(tag, (t) -> ConcurrentHashMap.newKeySet());
		if (seen.contains(value)) {
			return value;
		}
		if (seen.size() >= MAX_TAG_VALUES) {
			return "other";
		}
		seen.add(value);
		return value;
	}

}
