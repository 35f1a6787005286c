package dev.zielwerk.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway with nothing to run: the default Zielwerk subgraphs (profile, segment,
 * connectors) left out (empty URLs), no supergraph.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.gateway.subgraphs.profile.url=", "zielwerk.gateway.subgraphs.segment.url=",
				"zielwerk.gateway.subgraphs.connectors.url=" })
@AutoConfigureWebTestClient
class GatewayApplicationHealthTests {

	@Autowired
	WebTestClient client;

	@Test
	void servesGraphiql() {
		this.client.get()
			.uri("/graphiql")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("GraphiQL.createFetcher"));
	}

	@Test
	void answersServiceUnavailableWithoutASupergraph() {
		this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"{ __typename }\"}")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.errors[0].message")
			.value((message) -> assertThat((String) message).contains("zielwerk.gateway.supergraph"));
	}

	@Test
	void reportsHealthUpOnTheActuatorEndpoint() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

}
