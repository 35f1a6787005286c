package dev.zielwerk.gateway.telemetry;

import dev.zielwerk.gateway.execute.SubgraphRequestHeaders;
import dev.zielwerk.gateway.supergraph.Subgraph;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.util.context.ContextView;

/**
 * Gives every subgraph fetch a {@code traceparent} with the request's trace id and a new
 * span id (the fetch's span, child of the gateway's), and the caller's {@code tracestate}
 * unchanged.
 */
final class TraceparentHeaders implements SubgraphRequestHeaders {

	@Override
	public void add(Subgraph subgraph, ContextView context, HttpHeaders headers) {
		TraceContext trace = context.getOrDefault(TraceContext.class, null);
		if (trace == null) {
			return;
		}
		headers.set(TraceContext.TRACEPARENT, trace.childTraceparent());
		if (trace.traceState() != null) {
			headers.set(TraceContext.TRACESTATE, trace.traceState());
		}
	}

}
