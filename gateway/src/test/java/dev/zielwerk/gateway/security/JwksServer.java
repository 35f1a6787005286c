package dev.zielwerk.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A key server on loopback: serves whatever JWKS document the test sets, and counts the
 * requests.
 */
final class JwksServer implements AutoCloseable {

	private volatile String jwks = "{\"keys\":[]}";

	private final AtomicInteger requests = new AtomicInteger();

	private final DisposableServer server;

	JwksServer() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/jwks", (request, response) -> {
				this.requests.incrementAndGet();
				return response.header("content-type", "application/json")
					.sendByteArray(reactor.core.publisher.Mono.just(this.jwks.getBytes(StandardCharsets.UTF_8)));
			}))
			.bindNow();
	}

	void serve(String document) {
		this.jwks = document;
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port() + "/jwks";
	}

	int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
