package dev.zielwerk.gateway.limits;

import java.io.IOException;
import java.util.Objects;

import dev.zielwerk.gateway.fixture.KitCase;
import dev.zielwerk.gateway.fixture.ReviewsSubgraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batched array requests once switched on: answered in order, each under the limits, and
 * bounded in size.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "zielwerk.gateway.limits.batching=true", "zielwerk.gateway.limits.max-batch-size=3",
				"zielwerk.gateway.limits.max-depth=3" })
@AutoConfigureWebTestClient
class BatchingIT {

	private static final ReviewsSubgraphs SUBGRAPHS = new ReviewsSubgraphs();

	private static final JsonMapper JSON = JsonMapper.shared();

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void supergraph(DynamicPropertyRegistry registry) throws IOException {
		String file = new KitCase("reviews").supergraphFor(SUBGRAPHS.port()).toString();
		registry.add("zielwerk.gateway.supergraph", () -> file);
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@Test
	void aBatchIsAnsweredInOrderWithEachRequestUnderTheLimits() {
		JsonNode response = post(
				"[{\"query\":\"{ me { name } }\"},"
						+ "{\"query\":\"{ me { reviews { author { name } } } }\"},{\"query\":\"{ __typename }\"}]",
				200);
		assertThat(response.isArray()).isTrue();
		assertThat(response).hasSize(3);
		assertThat(response.get(0).path("data").path("me").path("name").stringValue()).isEqualTo("Uri Goldshtein");
		assertThat(response.get(1).path("errors").get(0).path("extensions").path("code").stringValue())
			.isEqualTo(ErrorCodes.MAX_DEPTH_EXCEEDED);
		assertThat(response.get(2).path("data").path("__typename").stringValue()).isEqualTo("Query");
	}

	@Test
	void aBatchOverTheMaximumSizeIsRefused() {
		JsonNode response = post("[" + "{\"query\":\"{ __typename }\"},".repeat(3) + "{\"query\":\"{ __typename }\"}]",
				400);
		assertThat(response.path("errors").get(0).path("extensions").path("code").stringValue())
			.isEqualTo(ErrorCodes.BATCH_TOO_LARGE);
		assertThat(response.path("errors").get(0).path("message").stringValue())
			.isEqualTo("The batch has 4 requests; the maximum is 3.");
	}

	private JsonNode post(String body, int status) {
		byte[] answer = this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(Objects.requireNonNull(answer));
	}

}
