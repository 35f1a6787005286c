package dev.zielwerk.gateway.subscription;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import dev.zielwerk.gateway.fixture.LiveSubgraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The subgraph leg on its own, against the fixture subgraph and against subgraphs that
 * fail: every way it can end reaches the subscriber.
 */
class UpstreamSubscriptionsIT {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final LiveSubgraphs SUBGRAPHS = new LiveSubgraphs();

	private final UpstreamSubscriptions upstream = new UpstreamSubscriptions(new ReactorNettyWebSocketClient(),
			new GraphQlWs(JSON), Duration.ofSeconds(30), Duration.ofMillis(500));

	private final ObjectNode subscribe = JSON.createObjectNode()
		.put("query", "subscription { memberChanged(segment: \"buyers\") { change person { id } } }");

	@AfterAll
	static void stop() {
		SUBGRAPHS.close();
	}

	@Test
	void deliversEventsAndCompletesUpstreamWhenCancelled() {
		SUBGRAPHS.reset();
		StepVerifier.create(this.upstream.subscribe("live", URI.create("ws://127.0.0.1:" + SUBGRAPHS.port() + "/live"),
				JSON.createObjectNode().put("Authorization", "Bearer x"), this.subscribe))
			.then(() -> {
				await().atMost(Duration.ofSeconds(10)).until(() -> SUBGRAPHS.activeSubscriptions() == 1);
				SUBGRAPHS.emit("buyers", "ENTERED", "p-ada");
			})
			.assertNext(
					(payload) -> assertThat(payload.at("/data/memberChanged/person/id").asString()).isEqualTo("p-ada"))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10)).until(() -> SUBGRAPHS.completesReceived() == 1);
		await().atMost(Duration.ofSeconds(10)).until(() -> SUBGRAPHS.activeSubscriptions() == 0);
		assertThat(SUBGRAPHS.initPayloads()).singleElement()
			.isEqualTo(JSON.readTree("{\"Authorization\": \"Bearer x\"}"));
	}

	@Test
	void failsWhenTheSubgraphCannotBeReached() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		StepVerifier
			.create(this.upstream.subscribe("live", URI.create("ws://127.0.0.1:" + port + "/live"),
					JSON.createObjectNode(), this.subscribe))
			.expectErrorSatisfies((ex) -> {
				ObjectNode error = SubscriptionErrors.of(ex).get(0);
				assertThat(error.path("message").asString())
					.startsWith("The subscription to subgraph 'live' failed: could not connect");
				assertThat(error.at("/extensions/code").asString()).isEqualTo(SubscriptionErrors.UPSTREAM);
			})
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void failsWhenTheSubgraphNeverAcknowledges() {
		DisposableServer silent = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.ws("/live", (in, out) -> in.receive().then(),
					WebsocketServerSpec.builder().protocols(GraphQlWs.PROTOCOL).build()))
			.bindNow();
		try {
			StepVerifier
				.create(this.upstream.subscribe("live", URI.create("ws://127.0.0.1:" + silent.port() + "/live"),
						JSON.createObjectNode(), this.subscribe))
				.expectErrorSatisfies((ex) -> assertThat(SubscriptionErrors.of(ex).get(0).path("message").asString())
					.contains("did not acknowledge the connection within PT0.5S"))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			silent.disposeNow();
		}
	}

	@Test
	void passesOnTheSubgraphsOwnErrors() {
		ObjectNode invalid = JSON.createObjectNode().put("query", "subscription { memberChanged { change } }");
		StepVerifier
			.create(this.upstream.subscribe("live", URI.create("ws://127.0.0.1:" + SUBGRAPHS.port() + "/live"),
					JSON.createObjectNode(), invalid))
			.expectErrorSatisfies((ex) -> {
				ObjectNode error = SubscriptionErrors.of(ex).get(0);
				assertThat(error.path("message").asString()).contains("segment");
				assertThat(error.at("/extensions/serviceName").asString()).isEqualTo("live");
			})
			.verify(Duration.ofSeconds(10));
	}

}
