package dev.zielwerk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's {@code /{audience_id}/users} endpoint as far as a sync needs it: {@code POST}
 * adds and {@code DELETE} removes rows of a {@code session}/{@code payload} body,
 * answered with {@code num_received} and no invalid entries. It counts rows and keeps
 * nothing per member, so the benchmark's heap holds only what the connector holds. Rows
 * are counted with a streaming parser for the same reason.
 */
final class MetaEndpointFake implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AtomicLong added = new AtomicLong();

	private final AtomicLong removed = new AtomicLong();

	private final AtomicLong requests = new AtomicLong();

	private final DisposableServer server;

	MetaEndpointFake() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.route((request) -> request.uri().endsWith("/users"),
					(request, response) -> request.receive().aggregate().asInputStream().flatMap((body) -> {
						long rows = rows(body);
						this.requests.incrementAndGet();
						("DELETE".equals(request.method().name()) ? this.removed : this.added).addAndGet(rows);
						String answer = "{\"audience_id\":\"23850000001\",\"session_id\":1,\"num_received\":" + rows
								+ ",\"num_invalid_entries\":0,\"invalid_entry_samples\":{}}";
						return response.header("Content-Type", "application/json")
							.sendString(Mono.just(answer), StandardCharsets.UTF_8)
							.then();
					})))
			.bindNow();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.port();
	}

	long added() {
		return this.added.get();
	}

	long removed() {
		return this.removed.get();
	}

	long requests() {
		return this.requests.get();
	}

	/** Counts the rows of {@code payload.data}, the only array of arrays in the body. */
	private static long rows(InputStream body) {
		long rows = 0;
		int depth = 0;
		try (InputStream in = body; JsonParser parser = JSON.createParser(in)) {
			JsonToken token;
			while ((token = parser.nextToken()) != null) {
				if (token == JsonToken.START_ARRAY) {
					depth++;
					if (depth == 2) {
						rows++;
					}
				}
				else if (token == JsonToken.END_ARRAY) {
					depth--;
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return rows;
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
