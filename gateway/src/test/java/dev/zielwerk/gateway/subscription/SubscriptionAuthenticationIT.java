package dev.zielwerk.gateway.subscription;

import java.util.List;

import dev.zielwerk.gateway.fixture.LiveSubgraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without a {@link ConnectionAuthenticator} bean, graphql-ws connections are checked by
 * the gateway's own authenticator: credentials in the {@code connection_init} payload
 * admit, wrong ones close the socket with 4403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		// the SHA-256 of "k-1"
		"zielwerk.gateway.security.api-keys.dashboard.sha256=7c35c5a1785d20704e44d5de4beb81c1fce91b6fe48ed7c3159af6f7f832078b" })
class SubscriptionAuthenticationIT {

	private static final LiveSubgraphs SUBGRAPHS = new LiveSubgraphs();

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

	@Test
	void admitsAnApiKeyFromTheConnectionInitPayload() {
		try (TestSocket socket = TestSocket.initialised(this.port, "{\"X-Api-Key\": \"k-1\"}")) {
			socket.subscribe("a", "{ person(id: \"p-ada\") { name } }");
			assertThat(socket.next().at("/payload/data/person/name").asString()).isEqualTo("Ada");
		}
	}

	@Test
	void admitsAnonymousCallersWithoutCredentials() {
		try (TestSocket socket = TestSocket.initialised(this.port, "{}")) {
			socket.subscribe("a", "{ person(id: \"p-bob\") { name } }");
			assertThat(socket.next().at("/payload/data/person/name").asString()).isEqualTo("Bob");
		}
	}

	@Test
	void closesWith4403OnAWrongApiKey() {
		TestSocket socket = TestSocket.connect(this.port);
		socket.send("{\"type\":\"connection_init\",\"payload\":{\"headers\":{\"X-Api-Key\":\"wrong\"}}}");
		assertThat(socket.closeStatus().getCode()).isEqualTo(GraphQlWs.FORBIDDEN);
	}

}
