package dev.zielwerk.gateway;

import java.util.List;
import java.util.Map;

import dev.zielwerk.gateway.fixture.ZielwerkSubgraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
 * The gateway with its default composition (Zielwerk's three subgraph SDLs from the
 * schema module, only the URLs pointed at fixtures speaking those SDLs) answers the
 * federated query the README documents: profile-service's profile, segment-service's
 * {@code Profile.segments} and connectors' {@code Segment.syncs}, one request per
 * subgraph.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ZielwerkFederatedQueryIT {

	private static final ZielwerkSubgraphs SUBGRAPHS = new ZielwerkSubgraphs();

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String QUERY = """
			query ProfileWithSegmentsAndSyncs($id: ID!) {
			  profile(id: $id) {
			    identities { type value }
			    segments { key name syncs { id schedule } }
			  }
			}""";

	@Autowired
	WebTestClient client;

	@DynamicPropertySource
	static void subgraphs(DynamicPropertyRegistry registry) {
		// only the URLs: the SDLs are the defaults
		// (classpath:graphql/<name>/<name>.graphqls)
		for (String name : List.of("profile", "segment", "connectors")) {
			registry.add("zielwerk.gateway.subgraphs." + name + ".url",
					() -> "http://127.0.0.1:" + SUBGRAPHS.port() + "/" + name);
		}
	}

	@AfterAll
	static void stopSubgraphs() {
		SUBGRAPHS.close();
	}

	@BeforeEach
	void resetCounts() {
		SUBGRAPHS.resetCounts();
	}

	@Test
	void mergesProfileSegmentsAndSyncsFromTheThreeSubgraphsWithOneRequestEach() {
		JsonNode response = post(ZielwerkSubgraphs.ADA);
		assertThat(response.has("errors")).as(response.toString()).isFalse();
		assertThat(response.get("data")).isEqualTo(JSON.readTree(
				"""
						{"profile": {
						  "identities": [{"type": "USER_ID", "value": "ada-1815"}, {"type": "EMAIL", "value": "ada@example.org"}],
						  "segments": [
						    {"key": "buyers", "name": "Buyers",
						     "syncs": [{"id": "s-1", "schedule": "REAL_TIME"}, {"id": "s-2", "schedule": "REAL_TIME"}]},
						    {"key": "newsletter", "name": "Newsletter", "syncs": [{"id": "s-3", "schedule": "REAL_TIME"}]}
						  ]}}"""));
		assertThat(SUBGRAPHS.requests("profile")).isOne();
		assertThat(SUBGRAPHS.requests("segment")).isOne();
		assertThat(SUBGRAPHS.representations("segment")).isOne();
		assertThat(SUBGRAPHS.requests("connectors")).isOne();
		assertThat(SUBGRAPHS.representations("connectors")).isEqualTo(2);
	}

	@Test
	void asksConnectorsNothingForAProfileInNoSegment() {
		JsonNode response = post(ZielwerkSubgraphs.BOB);
		assertThat(response.get("data")).isEqualTo(JSON.readTree("""
				{"profile": {"identities": [{"type": "EMAIL", "value": "bob@example.org"}], "segments": []}}"""));
		assertThat(SUBGRAPHS.requests("segment")).isOne();
		assertThat(SUBGRAPHS.requests("connectors")).isZero();
	}

	@Test
	void answersNullForAnUnknownProfileWithoutAskingTheOtherSubgraphs() {
		JsonNode response = post("0190a5d2-0000-7000-8000-00000000dead");
		assertThat(response.get("data")).isEqualTo(JSON.readTree("{\"profile\": null}"));
		assertThat(SUBGRAPHS.requests("profile")).isOne();
		assertThat(SUBGRAPHS.requests("segment")).isZero();
		assertThat(SUBGRAPHS.requests("connectors")).isZero();
	}

	private JsonNode post(String profileId) {
		byte[] body = this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(JSON.writeValueAsBytes(Map.of("query", QUERY, "variables", Map.of("id", profileId))))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

}
