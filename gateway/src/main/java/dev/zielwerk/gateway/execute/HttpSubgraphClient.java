package dev.zielwerk.gateway.execute;

import java.time.Duration;

import dev.zielwerk.gateway.security.CallerContext;
import dev.zielwerk.gateway.security.IdentityHeaders;
import dev.zielwerk.gateway.supergraph.Subgraph;
import dev.zielwerk.identity.IdentityTokens;
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

	private final IdentityHeaders identity;

	/**
	 * Creates a client.
	 * @param provider the connection pool (owned by the caller, who disposes it)
	 * @param timeout the response timeout per request
	 */
	public HttpSubgraphClient(ConnectionProvider provider, Duration timeout) {
		this(provider, timeout, IdentityHeaders.disabled());
	}

	/**
	 * Creates a client that tells subgraphs who is calling.
	 * @param provider the connection pool (owned by the caller, who disposes it)
	 * @param timeout the response timeout per request
	 * @param identity mints the {@value IdentityTokens#HEADER} header for the caller in
	 * the request's context
	 */
	public HttpSubgraphClient(ConnectionProvider provider, Duration timeout, IdentityHeaders identity) {
		this.identity = identity;
		this.http = HttpClient.create(provider)
			.keepAlive(true)
			.responseTimeout(timeout)
			.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON));
	}

	@Override
	public Mono<SubgraphResponse> post(Subgraph subgraph, byte[] body) {
		if (this.identity.enabled()) {
			return Mono.deferContextual((context) -> {
				String token = this.identity.token(CallerContext.orAnonymous(context));
				return send(this.http.headers((headers) -> headers.set(IdentityTokens.HEADER, token)), subgraph, body);
			});
		}
		return send(this.http, subgraph, body);
	}

	private static Mono<SubgraphResponse> send(HttpClient http, Subgraph subgraph, byte[] body) {
		return http.post()
			.uri(subgraph.url())
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)))
			.responseSingle((response, content) -> content.asByteArray()
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> new SubgraphResponse(response.status().code(), bytes)));
	}

}
