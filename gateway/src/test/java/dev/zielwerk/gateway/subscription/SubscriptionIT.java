package dev.zielwerk.gateway.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.zielwerk.gateway.fixture.LiveSubgraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions through the gateway against two fixture subgraphs: {@code live} serves
 * {@code memberChanged} over graphql-ws, {@code people} resolves the {@code Person} of
 * every event. Covers both client transports, both directions of shutdown, the limit per
 * connection, heartbeats and the protocol's close codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.gateway.subscriptions.keep-alive=300ms",
				"zielwerk.gateway.subscriptions.max-per-connection=2",
				"zielwerk.gateway.subscriptions.connection-init-timeout=1s",
				"zielwerk.gateway.subscriptions.forward-headers=Authorization,X-Tenant" })
class SubscriptionIT {

	private static final LiveSubgraphs SUBGRAPHS = new LiveSubgraphs();

	private static final String BUYERS = """
			subscription { memberChanged(segment: "buyers") { change person { name email } } }""";

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) {
		for (String name : List.of("profile", "segment", "connectors")) {
			registry.add("zielwerk.gateway.subgraphs." + name + ".url", () -> "");
		}
		for (String name : List.of("live", "people")) {
			registry.add("zielwerk.gateway.subgraphs." + name + ".url",
					() -> "http://127.0.0.1:" + SUBGRAPHS.port() + "/" + name);
			registry.add("zielwerk.gateway.subgraphs." + name + ".sdl",
					() -> "classpath:subscription/" + name + ".graphql");
		}
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@BeforeEach
	void reset() {
		SUBGRAPHS.reset();
		await().atMost(WAIT).until(() -> SUBGRAPHS.activeSubscriptions() == 0);
	}

	@Test
	void deliversEveryEventOverGraphQlWsWithTheEntityFieldsOfTheOtherSubgraph() {
		try (TestSocket socket = TestSocket.initialised(this.port, "{\"Authorization\":\"Bearer good\"}")) {
			socket.subscribe("a", BUYERS);
			awaitActive(1);
			SUBGRAPHS.emit("buyers", "ENTERED", "p-ada");
			SUBGRAPHS.emit("newsletter", "ENTERED", "p-ada");
			SUBGRAPHS.emit("buyers", "EXITED", "p-bob");
			assertThat(socket.next()).isEqualTo(TestSocket.JSON.readTree("""
					{"id": "a", "type": "next", "payload": {"data": {"memberChanged":
					  {"change": "ENTERED", "person": {"name": "Ada", "email": "ada@example.org"}}}}}"""));
			assertThat(socket.next()).isEqualTo(TestSocket.JSON.readTree("""
					{"id": "a", "type": "next", "payload": {"data": {"memberChanged":
					  {"change": "EXITED", "person": {"name": "Bob", "email": null}}}}}"""));
			assertThat(SUBGRAPHS.entityRequests()).isEqualTo(2);
			// the configured header and what the authenticator added reach the subgraph
			// leg
			assertThat(SUBGRAPHS.initPayloads()).singleElement()
				.isEqualTo(TestSocket.JSON.readTree("{\"Authorization\": \"Bearer good\", \"X-Caller\": \"tested\"}"));
		}
	}

	@Test
	void deliversEveryEventOverSseAndCompletesWhenTheSubgraphCompletes() {
		Flux<ServerSentEvent<String>> events = WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/graphql")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			// an Authorization header would meet the gateway's own authentication
			// first
			.header("X-Tenant", "sse")
			.bodyValue(Map.of("query", BUYERS))
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.filter((event) -> event.event() != null);
		StepVerifier.create(events).then(() -> {
			awaitActive(1);
			SUBGRAPHS.emit("buyers", "ENTERED", "p-ada");
		}).assertNext((event) -> {
			assertThat(event.event()).isEqualTo("next");
			assertThat(TestSocket.JSON.readTree(event.data())).isEqualTo(TestSocket.JSON.readTree(
					"""
							{"data": {"memberChanged": {"change": "ENTERED", "person": {"name": "Ada", "email": "ada@example.org"}}}}"""));
		})
			.then(SUBGRAPHS::completeAll)
			.assertNext((event) -> assertThat(event.event()).isEqualTo("complete"))
			.expectComplete()
			.verify(WAIT);
		assertThat(SUBGRAPHS.initPayloads()).singleElement()
			.isEqualTo(TestSocket.JSON.readTree("{\"X-Tenant\": \"sse\", \"X-Caller\": \"tested\"}"));
	}

	@Test
	void answersAQueryOverSseWithOneEvent() {
		List<ServerSentEvent<String>> events = WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/graphql")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", "{ person(id: \"p-ada\") { name } }"))
			.retrieve()
			.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.filter((event) -> event.event() != null)
			.collectList()
			.block(WAIT);
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("next", "complete");
		assertThat(TestSocket.JSON.readTree(events.get(0).data()))
			.isEqualTo(TestSocket.JSON.readTree("{\"data\": {\"person\": {\"name\": \"Ada\"}}}"));
	}

	@Test
	void completesTheSubgraphSubscriptionWhenTheClientCompletes() {
		try (TestSocket socket = TestSocket.initialised(this.port, "{}")) {
			socket.subscribe("a", BUYERS);
			awaitActive(1);
			socket.send("{\"id\":\"a\",\"type\":\"complete\"}");
			awaitActive(0);
			assertThat(SUBGRAPHS.completesReceived()).isOne();
			// the id is free again
			socket.subscribe("a", BUYERS);
			awaitActive(1);
		}
	}

	@Test
	void endsTheSubgraphSubscriptionWhenTheClientCloses() {
		TestSocket socket = TestSocket.initialised(this.port, "{}");
		socket.subscribe("a", BUYERS);
		socket.subscribe("b", BUYERS);
		awaitActive(2);
		socket.close();
		awaitActive(0);
	}

	@Test
	void endsTheSseSubscriptionUpstreamWhenTheClientGoesAway() {
		reactor.core.Disposable stream = WebClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/graphql")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", BUYERS))
			.retrieve()
			.bodyToFlux(String.class)
			.subscribe();
		awaitActive(1);
		stream.dispose();
		awaitActive(0);
	}

	@Test
	void completesTheClientWhenTheSubgraphCompletes() {
		try (TestSocket socket = TestSocket.initialised(this.port, "{}")) {
			socket.subscribe("a", BUYERS);
			awaitActive(1);
			SUBGRAPHS.completeAll();
			assertThat(socket.next()).isEqualTo(TestSocket.JSON.readTree("{\"id\": \"a\", \"type\": \"complete\"}"));
		}
	}

	@Test
	void answersAnErrorWhenTheSubgraphDropsTheConnection() {
		try (TestSocket socket = TestSocket.initialised(this.port, "{}")) {
			socket.subscribe("a", BUYERS);
			awaitActive(1);
			SUBGRAPHS.dropConnections();
			JsonNode error = socket.next();
			assertThat(error.path("type").asString()).isEqualTo("error");
			assertThat(error.path("id").asString()).isEqualTo("a");
			assertThat(error.path("payload").path(0).path("extensions").path("code").asString())
				.isEqualTo(SubscriptionErrors.UPSTREAM);
			assertThat(error.path("payload").path(0).path("extensions").path("serviceName").asString())
				.isEqualTo("live");
		}
	}

	@Test
	void refusesASubscriptionBeyondTheLimitPerConnectionAndKeepsTheOthers() {
		try (TestSocket socket = TestSocket.initialised(this.port, "{}")) {
			socket.subscribe("a", BUYERS);
			socket.subscribe("b", BUYERS);
			awaitActive(2);
			socket.subscribe("c", BUYERS);
			JsonNode refused = socket.next();
			assertThat(refused.path("id").asString()).isEqualTo("c");
			assertThat(refused.path("type").asString()).isEqualTo("error");
			assertThat(refused.path("payload").path(0).path("extensions").path("code").asString())
				.isEqualTo(SubscriptionErrors.LIMIT);
			SUBGRAPHS.emit("buyers", "ENTERED", "p-ada");
			assertThat(List.of(socket.next().path("id").asString(), socket.next().path("id").asString()))
				.containsExactlyInAnyOrder("a", "b");
			assertThat(SUBGRAPHS.activeSubscriptions()).isEqualTo(2);
		}
	}

	@Test
	void answersPingsAndPingsBothLegs() {
		try (TestSocket socket = TestSocket.initialised(this.port, "{}")) {
			socket.send("{\"type\":\"ping\",\"payload\":{\"n\":1}}");
			assertThat(socket.next())
				.isEqualTo(TestSocket.JSON.readTree("{\"type\": \"pong\", \"payload\": {\"n\": 1}}"));
			socket.subscribe("a", BUYERS);
			awaitActive(1);
			// keep-alive is 300ms in this test
			await().atMost(WAIT).until(() -> socket.pingsReceived() >= 2 && SUBGRAPHS.pingsReceived() >= 2);
		}
	}

	@Test
	void answersRequestErrorsWithAnErrorMessageForTheirId() {
		try (TestSocket socket = TestSocket.initialised(this.port, "{}")) {
			socket.subscribe("a", "subscription { memberChanged(segment: \"buyers\") { nope } }");
			JsonNode error = socket.next();
			assertThat(error.path("id").asString()).isEqualTo("a");
			assertThat(error.path("type").asString()).isEqualTo("error");
			assertThat(error.path("payload").path(0).path("extensions").path("code").asString())
				.isEqualTo("GRAPHQL_VALIDATION_FAILED");
			// the connection stays usable
			socket.subscribe("b", "{ person(id: \"p-bob\") { name } }");
			assertThat(socket.next()).isEqualTo(TestSocket.JSON.readTree(
					"{\"id\": \"b\", \"type\": \"next\", \"payload\": {\"data\": {\"person\": {\"name\": \"Bob\"}}}}"));
			assertThat(socket.next()).isEqualTo(TestSocket.JSON.readTree("{\"id\": \"b\", \"type\": \"complete\"}"));
		}
	}

	@Test
	void closesWith4400OnAMalformedMessage() {
		TestSocket socket = TestSocket.initialised(this.port, "{}");
		socket.send("{not json");
		assertThat(socket.closeStatus().getCode()).isEqualTo(GraphQlWs.BAD_REQUEST);
	}

	@Test
	void closesWith4401OnASubscribeBeforeTheAcknowledgement() {
		TestSocket socket = TestSocket.connect(this.port);
		socket.subscribe("a", BUYERS);
		assertThat(socket.closeStatus().getCode()).isEqualTo(GraphQlWs.UNAUTHORIZED);
	}

	@Test
	void closesWith4403WhenTheAuthenticatorRejects() {
		TestSocket socket = TestSocket.connect(this.port);
		socket.send("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer bad\"}}");
		assertThat(socket.closeStatus().getCode()).isEqualTo(GraphQlWs.FORBIDDEN);
	}

	@Test
	void closesWith4408WithoutConnectionInit() {
		TestSocket socket = TestSocket.connect(this.port);
		assertThat(socket.closeStatus().getCode()).isEqualTo(GraphQlWs.INIT_TIMEOUT);
	}

	@Test
	void closesWith4409OnADuplicateId() {
		TestSocket socket = TestSocket.initialised(this.port, "{}");
		socket.subscribe("a", BUYERS);
		awaitActive(1);
		socket.subscribe("a", BUYERS);
		assertThat(socket.closeStatus().getCode()).isEqualTo(GraphQlWs.DUPLICATE_ID);
		awaitActive(0);
	}

	@Test
	void closesWith4429OnASecondConnectionInit() {
		TestSocket socket = TestSocket.initialised(this.port, "{}");
		socket.send("{\"type\":\"connection_init\"}");
		assertThat(socket.closeStatus().getCode()).isEqualTo(GraphQlWs.TOO_MANY_INIT);
	}

	private static void awaitActive(int count) {
		await().atMost(WAIT).until(() -> SUBGRAPHS.activeSubscriptions() == count);
	}

	@TestConfiguration
	static class Authentication {

		/** Rejects one token, adds a header for the subgraph leg to everyone else. */
		@Bean
		ConnectionAuthenticator connectionAuthenticator() {
			return (payload, headers) -> "Bearer bad".equals(payload.get("Authorization")) ? Mono.empty()
					: Mono.just(new ConnectionAuthentication("someone", Map.of("X-Caller", "tested")));
		}

	}

}
