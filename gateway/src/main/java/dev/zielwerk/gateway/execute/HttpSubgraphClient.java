package dev.zielwerk.gateway.execute;

import java.time.Duration;
import java.util.List;

import dev.zielwerk.gateway.supergraph.Subgraph;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Non-blocking HTTP to subgraphs with Reactor Netty over a pooled keep-alive connection
 * provider. One instance serves all subgraphs; the pool keeps connections per remote
 * address.
 */
public final class HttpSubgraphClient implements SubgraphClient {

	private final HttpClient http;

	private final List<SubgraphRequestHeaders> headers;

	/**
	 * Creates a client.
	 * @param provider the connection pool (owned by the caller, who disposes it)
	 * @param timeout the response timeout per request
	 */
	public HttpSubgraphClient(ConnectionProvider provider, Duration timeout) {
		this(provider, timeout, List.of());
	}

	/**
	 * Creates a client that adds headers from the client request's Reactor context.
	 * @param provider the connection pool (owned by the caller, who disposes it)
	 * @param timeout the response timeout per request
	 * @param headers what adds headers to each request, in order
	 */
	public HttpSubgraphClient(ConnectionProvider provider, Duration timeout, List<SubgraphRequestHeaders> headers) {
		this.headers = List.copyOf(headers);
		this.http = HttpClient.create(provider)
			.keepAlive(true)
			.responseTimeout(timeout)
			.headers((fixed) -> fixed.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON));
	}

	@Override
	public Mono<SubgraphResponse> post(Subgraph subgraph, byte[] body) {
		if (this.headers.isEmpty()) {
			return post(this.http, subgraph, body);
		}
		return Mono.deferContextual((context) -> post(
				this.http.headers((h) -> this.headers.forEach((added) -> added.add(subgraph, context, h))), subgraph,
				body));
	}

	private static Mono<SubgraphResponse> post(HttpClient http, Subgraph subgraph, byte[] body) {
		return http.post()
			.uri(subgraph.url())
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
			.responseSingle((response, content) -> content.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> new SubgraphResponse(response.status().code(), bytes)));
	}

}
