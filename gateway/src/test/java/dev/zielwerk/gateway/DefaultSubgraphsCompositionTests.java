package dev.zielwerk.gateway;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code zielwerk.gateway.supergraph} the gateway composes Zielwerk's own
 * subgraphs (profile, segment, connectors) from their SDLs in the schema module at
 * startup (the subgraphs need not be running for that) and serves the composed API
 * schema.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DefaultSubgraphsCompositionTests {

	@Autowired
	WebTestClient client;

	@Test
	void servesTheSchemaComposedFromTheProfileSubgraph() {
		this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"{ __type(name: \\\"Profile\\\") { fields { name } } }\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.__type.fields[0].name")
			.isEqualTo("id")
			.jsonPath("$.data.__type.fields[?(@.name == 'consentHistory')]")
			.exists();
	}

	@Test
	void servesTheFieldsSegmentServiceAndConnectorsContribute() {
		assertThat(fieldNames("Profile")).contains("identities", "segments", "inSegment");
		assertThat(fieldNames("Segment")).contains("key", "members", "syncs");
		assertThat(fieldNames("Query")).contains("profile", "segment", "segmentByKey", "destination", "audienceSync");
	}

	private List<String> fieldNames(String type) {
		List<String> names = new ArrayList<>();
		this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"query\":\"{ __type(name: \\\"" + type + "\\\") { fields { name } } }\"}")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.data.__type.fields[*].name")
			.value((List<String> found) -> names.addAll(found));
		return names;
	}

}
