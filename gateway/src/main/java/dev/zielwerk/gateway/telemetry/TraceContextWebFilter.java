package dev.zielwerk.gateway.telemetry;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Continues the caller's W3C trace (or starts one) for every request: the
 * {@link TraceContext} goes into the Reactor context, where the subgraph client and the
 * request log find it, and the gateway's own {@code traceparent} into the response so a
 * caller without tracing can still quote the trace id.
 */
final class TraceContextWebFilter implements WebFilter {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		TraceContext trace = TraceContext.continueOrStart(headers.getFirst(TraceContext.TRACEPARENT),
				headers.getFirst(TraceContext.TRACESTATE));
		exchange.getResponse().getHeaders().set(TraceContext.TRACEPARENT, trace.traceparent());
		return chain.filter(exchange).contextWrite((context) -> context.put(TraceContext.class, trace));
	}

}
