package dev.zielwerk.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A third-party webhook endpoint for the end-to-end test: accepts every Standard Webhooks
 * delivery and keeps its JSON body. (connectors' own tests check signatures and retries;
 * here only what arrives matters.)
 */
final class WebhookReceiver implements AutoCloseable {

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<JsonNode> deliveries = new CopyOnWriteArrayList<>();

	private final HttpServer server;

	WebhookReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/hooks", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				if (exchange.getRequestHeaders().containsKey("webhook-signature")) {
					this.deliveries.add(this.json.readTree(body.readAllBytes()));
				}
			}
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/hooks";
	}

	/** Every delivery's {@code data.action} and member keys, e.g. {@code add:[p1]}. */
	List<String> actions() {
		return this.deliveries.stream()
			.filter((delivery) -> !delivery.path("data").path("members").isEmpty())
			.map((delivery) -> delivery.path("data").path("action").asString() + ":"
					+ delivery.path("data")
						.path("members")
						.values()
						.stream()
						.map((m) -> m.path("key").asString())
						.toList())
			.toList();
	}

	List<JsonNode> deliveries() {
		return this.deliveries;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
