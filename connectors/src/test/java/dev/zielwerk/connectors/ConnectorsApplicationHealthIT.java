package dev.zielwerk.connectors;

import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ConnectorsApplicationHealthIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, ConnectorsApplicationHealthIT.class);
	}

	@Autowired
	WebTestClient client;

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
