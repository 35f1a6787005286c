package dev.zielwerk.connectors.sync;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.connectors.cms.CataloguePush;
import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.fake.WebhookFake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The CMS connector end to end: syncs to a CMS destination, the decide endpoint (bearer
 * decide key, consent gate, caching headers, 304) and the signed catalogue push.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the service's background work (workers, catalogue pushes, stream claims) shares a pool
// of six connections with these requests: one once waited past the default 5 s in CI
@AutoConfigureWebTestClient(timeout = "30s")
class CmsConnectorIT {

	private static final AudienceFixture fixture = new AudienceFixture();

	private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

	private static final WebhookFake cms = new WebhookFake(Secret.of(SECRET));

	private static final EnumSet<ConsentPurpose> PERSONALIZATION = EnumSet.of(ConsentPurpose.PERSONALIZATION);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		SyncTestProperties.register(registry, CmsConnectorIT.class, fixture, true);
		registry.add("zielwerk.connectors.cms.decide-max-age", () -> "45s");
	}

	@AfterAll
	static void stopFakes() {
		fixture.close();
		cms.close();
	}

	@Autowired
	WebTestClient client;

	@Autowired
	CataloguePush catalogue;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Value("${zielwerk.redis.namespace}")
	String namespace;

	@Test
	void answersTheSegmentsAVisitorWithPersonalizationConsentIsInCacheablyAndWithoutPersonalData() {
		String vip = segment();
		String churn = segment();
		fixture.put(vip, new AudienceFixture.Person("v1", "ann@example.com", PERSONALIZATION));
		fixture.put(churn, new AudienceFixture.Person("v1", "ann@example.com", PERSONALIZATION));
		fixture.put(vip, new AudienceFixture.Person("v2", "bob@example.com", EnumSet.of(ConsentPurpose.ADVERTISING)));
		fixture.put(churn, new AudienceFixture.Person("v3", "cat@example.com", PERSONALIZATION));
		String key = decideKey();
		String destination = createCms("Website", key);
		String otherKey = decideKey();
		createCms("Other site", otherKey);
		runToEnd(createSync(vip, "vip", destination));
		runToEnd(createSync(churn, "churn-risk", destination));

		WebTestClient.ResponseSpec first = decide(destination, key, "?profile=v1", null);
		byte[] body = first.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(org.springframework.http.CacheControl.maxAge(Duration.ofSeconds(45)).cachePrivate())
			.expectHeader()
			.valueMatches(HttpHeaders.VARY, ".*Authorization.*")
			.expectHeader()
			.valueMatches(HttpHeaders.VARY, ".*X-Zielwerk-Profile.*")
			.expectBody()
			.jsonPath("$.segments")
			.isEqualTo(List.of("churn-risk", "vip"))
			.jsonPath("$.ttl")
			.isEqualTo(45)
			.returnResult()
			.getResponseBody();
		String answer = new String(body, StandardCharsets.UTF_8);
		assertThat(answer).doesNotContain("v1").doesNotContain("ann@").doesNotContain(vip);
		String etag = decide(destination, key, "?profile=v1", null).returnResult(String.class)
			.getResponseHeaders()
			.getETag();
		assertThat(etag).isNotBlank();

		// a cached answer is confirmed without a body
		decide(destination, key, "?profile=v1", etag).expectStatus()
			.isNotModified()
			.expectHeader()
			.valueEquals(HttpHeaders.ETAG, etag)
			.expectBody()
			.isEmpty();
		// the header form, for edges that keep the id out of URLs
		this.client.get()
			.uri("/v1/decide/" + destination)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
			.header("X-Zielwerk-Profile", "v3")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.segments")
			.isEqualTo(List.of("churn-risk"));
		// no PERSONALIZATION consent and unknown look the same: an empty list
		String noConsent = decide(destination, key, "?profile=v2", null).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.segments")
			.isEmpty()
			.returnResult()
			.getResponseHeaders()
			.getETag();
		assertThat(decide(destination, key, "?profile=nobody", null).returnResult(String.class)
			.getResponseHeaders()
			.getETag()).isEqualTo(noConsent);

		// the consent withdrawal takes the visitor out at once
		withdrawPersonalization("v1");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> decide(destination, key, "?profile=v1", etag).expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.segments")
				.isEmpty());
	}

	@Test
	void refusesRequestsWithoutTheDestinationsDecideKey() {
		String key = decideKey();
		String destination = createCms("Shop", key);
		String other = createCms("Blog", decideKey());

		decide(destination, "wrong-" + key, "?profile=v1", null).expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
		decide(other, key, "?profile=v1", null).expectStatus().isUnauthorized();
		decide(UUID.randomUUID().toString(), key, "?profile=v1", null).expectStatus().isUnauthorized();
		decide("not-a-uuid", key, "?profile=v1", null).expectStatus().isUnauthorized();
		this.client.get().uri("/v1/decide/" + destination + "?profile=v1").exchange().expectStatus().isUnauthorized();
		decide(destination, key, "", null).expectStatus().isBadRequest();
	}

	@Test
	void pushesTheSignedSegmentCatalogueWithoutMembersWhenSyncsChangeOnDemandAndWhenASegmentChanges() {
		String spring = segment();
		String autumn = segment();
		fixture.describe(spring, "spring-sale", "Spring sale", "Bought in spring");
		fixture.describe(autumn, "autumn-sale", "Autumn sale", null);
		fixture.put(spring, new AudienceFixture.Person("member-c1", "dan@example.com", PERSONALIZATION));
		String destination = createCms("Editorial", decideKey());

		createSync(spring, "spring-sale", destination);
		createSync(autumn, "autumn-sale", destination);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(lastCatalogue(destination).path("data").path("segments")).hasSize(2));
		JsonNode pushed = lastCatalogue(destination).path("data");
		assertThat(pushed.path("segments").get(0).path("key").asString()).isEqualTo("autumn-sale");
		assertThat(pushed.path("segments").get(1).path("name").asString()).isEqualTo("Spring sale");
		assertThat(pushed.path("segments").get(1).path("description").asString()).isEqualTo("Bought in spring");
		assertThat(pushed.toString()).doesNotContain("member-c1").doesNotContain("dan@").doesNotContain("members");

		int before = catalogues(destination).size();
		graphql("mutation($id: ID!) { pushSegmentCatalogue(destinationId: $id) { segments pushedAt } }",
				Map.of("id", destination))
			.jsonPath("$.data.pushSegmentCatalogue.segments")
			.isEqualTo(2)
			.jsonPath("$.data.pushSegmentCatalogue.pushedAt")
			.isNotEmpty();
		assertThat(catalogues(destination)).hasSize(before + 1);

		// the periodic check pushes only what changed
		this.catalogue.push(UUID.fromString(destination), false).block();
		assertThat(catalogues(destination)).hasSize(before + 1);
		fixture.describe(autumn, "autumn-sale", "Autumn clearance", "Renamed");
		assertThat(this.catalogue.push(UUID.fromString(destination), false).block().pushed()).isTrue();
		assertThat(catalogues(destination)).hasSize(before + 2);
		assertThat(lastCatalogue(destination).path("data").path("segments").get(0).path("name").asString())
			.isEqualTo("Autumn clearance");

		graphql("""
				mutation($segment: ID!, $destination: ID!) {
				  createAudienceSync(input: {segmentId: $segment, segmentKey: "x", destinationId: $destination,
				                             mode: UPSERT, schedule: "0 0 3 * * *"}) { id }
				}""", Map.of("segment", spring, "destination", destination)).jsonPath("$.errors[0].extensions.field")
			.isEqualTo("input.mode");
	}

	private List<JsonNode> catalogues(String destination) {
		return cms.messages()
			.stream()
			.filter((message) -> "segment.catalogue.updated".equals(message.path("type").asString()))
			.filter((message) -> destination.equals(message.path("data").path("destination").asString()))
			.toList();
	}

	private JsonNode lastCatalogue(String destination) {
		List<JsonNode> all = catalogues(destination);
		assertThat(all).isNotEmpty();
		return all.get(all.size() - 1);
	}

	private WebTestClient.ResponseSpec decide(String destination, String key, String query, String ifNoneMatch) {
		return this.client.get().uri("/v1/decide/" + destination + query).headers((headers) -> {
			headers.setBearerAuth(key);
			if (ifNoneMatch != null) {
				headers.setIfNoneMatch(ifNoneMatch);
			}
		}).exchange();
	}

	private void withdrawPersonalization(String profile) {
		this.redis.opsForStream()
			.add(StreamRecords
				.string(Map.of("type", "consent", "profileId", profile, "message",
						"{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"consent\",\"profileId\":\"" + profile
								+ "\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"payload\":{\"purpose\":"
								+ "\"PERSONALIZATION\",\"status\":\"WITHDRAWN\",\"source\":\"CMP\"}}"))
				.withStreamKey(this.namespace + ":{profile}:stream"))
			.block();
	}

	private String createCms(String name, String decideKey) {
		String answer = new String(graphql("""
				mutation($url: String!, $secret: String!, $key: String!, $name: String!) {
				  createDestination(input: {type: CMS, name: $name,
				      settings: [{name: "catalogueUrl", value: $url}],
				      credentials: [{name: "secret", value: $secret}, {name: "decideKey", value: $key}]}) {
				    id purpose settings { name value }
				  }
				}""", Map.of("url", cms.url() + "/catalogue", "secret", SECRET, "key", decideKey, "name", name))
			.jsonPath("$.data.createDestination.purpose")
			.isEqualTo("PERSONALIZATION")
			.returnResult()
			.getResponseBody(), StandardCharsets.UTF_8);
		assertThat(answer).doesNotContain(decideKey).doesNotContain(SECRET);
		return idIn(answer);
	}

	private String createSync(String segment, String key, String destination) {
		return idIn(new String(graphql("""
				mutation($segment: ID!, $key: String!, $destination: ID!) {
				  createAudienceSync(input: {segmentId: $segment, segmentKey: $key, destinationId: $destination,
				                             mode: MIRROR, schedule: "0 0 3 * * *"}) { id }
				}""", Map.of("segment", segment, "key", key, "destination", destination)).returnResult()
			.getResponseBody(), StandardCharsets.UTF_8));
	}

	private void runToEnd(String sync) {
		String run = idIn(new String(
				graphql("mutation($id: ID!) { triggerSync(id: $id) { id } }", Map.of("id", sync)).returnResult()
					.getResponseBody(),
				StandardCharsets.UTF_8));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> graphql("query($id: ID!) { syncRun(id: $id) { status } }", Map.of("id", run))
				.jsonPath("$.data.syncRun.status")
				.isEqualTo("SUCCEEDED"));
	}

	private WebTestClient.BodyContentSpec graphql(String document, Map<String, Object> variables) {
		return this.client.post()
			.uri("/graphql")
			.bodyValue(Map.of("query", document, "variables", variables))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody();
	}

	private static String idIn(String answer) {
		return answer.replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
	}

	private static String segment() {
		return "seg-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String decideKey() {
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		return "dk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

}
