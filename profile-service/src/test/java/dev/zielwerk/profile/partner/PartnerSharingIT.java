package dev.zielwerk.profile.partner;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import dev.zielwerk.profile.identity.IdentityType;
import dev.zielwerk.profile.store.TimeOrderedUuid;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The partner-sharing matrix against real PostgreSQL and Redis, with segment-service's
 * real SDL served by {@link SegmentServiceFixture}. Every answer a partner gets is
 * compared whole, and checked for every raw identifier, profile id and trait value the
 * fixtures hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PartnerSharingIT {

	private static final String SECRET = "partner-sharing-it-secret-0123456789abcdef";

	private static final IdentityTokens TOKENS = new IdentityTokens(SECRET);

	private static final SegmentServiceFixture SEGMENTS = new SegmentServiceFixture(SECRET);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Meta's golden vector (destinations.md): sha256("mary@example.com"). */
	private static final String MARY = "f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79";

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private static final String SHARED = """
			{ sharedAudiences { id identifierTypes members(first: 50) {
			    edges { node { identifiers { type sha256 } } } pageInfo { hasNextPage } } } }""";

	private static final String OVERLAP = """
			query($share: ID!, $hashes: [String!]!) { audienceOverlap(shareId: $share, hashedIdentifiers: $hashes) {
			  status count threshold } }""";

	private static final String IMPORT = """
			mutation($share: ID!, $rows: [PartnerTraitRowInput!]!) { importPartnerTraits(shareId: $share, rows: $rows) {
			  received } }""";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, PartnerSharingIT.class);
		registry.add("zielwerk.identity.secret", () -> SECRET);
		registry.add("zielwerk.profile.partner.segments-url", SEGMENTS::url);
		registry.add("zielwerk.profile.partner.overlap-queries", () -> "4");
	}

	@AfterAll
	static void stopFixture() {
		SEGMENTS.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	WebTestClient client;

	/** Raw values that must never reach a partner: identifiers, profile ids, traits. */
	final Set<String> secrets = new HashSet<>();

	@BeforeEach
	void setUp() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port + "/graphql")
			.responseTimeout(Duration.ofSeconds(20))
			.build();
	}

	@Test
	void partnerSeesOnlyConsentedMembersOfItsShareAsHashesOfTheAllowedTypes() {
		UUID mary = person("mary@example.com", "GRANTED", null);
		UUID none = person(email(), null, null);
		UUID denied = person(email(), "DENIED", null);
		UUID withdrawn = person(email(), "WITHDRAWN", null);
		UUID lapsed = person(email(), "GRANTED", Instant.now().minus(1, ChronoUnit.DAYS));
		UUID phoneOnly = person(null, "GRANTED", null);
		String phoneOnlyPhone = phone(phoneOnly);
		String bothEmail = email();
		UUID both = person(bothEmail, "GRANTED", null);
		String bothPhone = phone(both);
		String segment = SEGMENTS.segment(Set.of(mary, none, denied, withdrawn, lapsed, phoneOnly, both));
		String partner = partner();
		String share = share(segment, partner, List.of("EMAIL"));

		String body = partnerCall(partner, SHARED, Map.of());
		assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("""
				{"data":{"sharedAudiences":[{"id":"%s","identifierTypes":["EMAIL"],"members":{"edges":[
				  {"node":{"identifiers":[{"type":"EMAIL","sha256":"%s"}]}},
				  {"node":{"identifiers":[{"type":"EMAIL","sha256":"%s"}]}}],
				  "pageInfo":{"hasNextPage":false}}}]}}""".formatted(share, MARY, hash("EMAIL", bothEmail))));
		assertNoLeak(body);

		ownerCall("mutation($id: ID!) { changeShare(id: $id, identifierTypes: [PHONE, EMAIL]) { identifierTypes } }",
				Map.of("id", share));
		body = partnerCall(partner, SHARED, Map.of());
		assertThat(JSON.readTree(body).at("/data/sharedAudiences/0/members/edges")).isEqualTo(JSON.readTree("""
				[{"node":{"identifiers":[{"type":"EMAIL","sha256":"%s"}]}},
				 {"node":{"identifiers":[{"type":"PHONE","sha256":"%s"}]}},
				 {"node":{"identifiers":[{"type":"EMAIL","sha256":"%s"},{"type":"PHONE","sha256":"%s"}]}}]"""
			.formatted(MARY, hash("PHONE", phoneOnlyPhone), hash("EMAIL", bothEmail), hash("PHONE", bothPhone))));
		assertNoLeak(body);
		assertThat(SEGMENTS.callers()).isNotEmpty()
			.allSatisfy((caller) -> assertThat(caller.roles()).containsExactly("service"));
	}

	@Test
	void partnerNeverReachesAnotherPartnersShare() {
		List<UUID> members = people(3);
		String segment = SEGMENTS.segment(Set.copyOf(members));
		String a = partner();
		String b = partner();
		String shareOfB = share(segment, b, List.of("EMAIL"));

		String body = partnerCall(a, SHARED, Map.of());
		assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree("{\"data\":{\"sharedAudiences\":[]}}"));
		body = partnerCall(a, OVERLAP, Map.of("share", shareOfB, "hashes", randomHashes(50)));
		assertError(body, "NOT_FOUND", "no share " + shareOfB + " for partner " + a, "audienceOverlap");
		body = partnerCall(a, IMPORT, Map.of("share", shareOfB, "rows",
				List.of(Map.of("sha256", hash("EMAIL", emailOf(members.get(0))), "traits", Map.of("x", 1)))));
		assertError(body, "NOT_FOUND", "no share " + shareOfB + " for partner " + a, "importPartnerTraits");
		assertThat(count("SELECT count(*) FROM traits WHERE trait_group = 'partner'")).isZero();

		body = partnerCall(b, "{ sharedAudiences { id } }", Map.of());
		assertThat(JSON.readTree(body))
			.isEqualTo(JSON.readTree("{\"data\":{\"sharedAudiences\":[{\"id\":\"" + shareOfB + "\"}]}}"));

		String noScope = TOKENS.mint(new CallerIdentity(b + "-bot", Set.of("profiles:read"), Set.of("partner"), b,
				Instant.now().plusSeconds(60)));
		body = call(noScope, SHARED, Map.of());
		assertError(body, "FORBIDDEN",
				"this field is for partner callers: a partner id and scope " + CallerIdentity.PARTNER_SCOPE,
				"sharedAudiences");
	}

	@Test
	void expiredAndRevokedSharesShowNothing() {
		String segment = SEGMENTS.segment(Set.copyOf(people(2)));
		String partner = partner();
		String expired = share(segment, partner, List.of("EMAIL"));
		String revoked = share(segment, partner, List.of("EMAIL"));
		String active = share(segment, partner, List.of("EMAIL"));
		Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
		this.database.sql("UPDATE partner_shares SET expires_at = $2 WHERE id = $1")
			.bind(0, UUID.fromString(expired))
			.bind(1, past)
			.then()
			.block();
		ownerCall("mutation($id: ID!) { revokeShare(id: $id) { status } }", Map.of("id", revoked));

		String body = partnerCall(partner, "{ sharedAudiences { id } }", Map.of());
		assertThat(JSON.readTree(body))
			.isEqualTo(JSON.readTree("{\"data\":{\"sharedAudiences\":[{\"id\":\"" + active + "\"}]}}"));
		body = partnerCall(partner, OVERLAP, Map.of("share", expired, "hashes", randomHashes(50)));
		assertError(body, "FORBIDDEN", "share " + expired + " expired at " + past, "audienceOverlap");
		body = partnerCall(partner, IMPORT, Map.of("share", revoked, "rows",
				List.of(Map.of("sha256", randomHashes(1).get(0), "traits", Map.of("x", 1)))));
		assertError(body, "FORBIDDEN", "share " + revoked + " was revoked", "importPartnerTraits");

		JsonNode shares = JSON.readTree(ownerCall(
				"query($p: ID!) { partnerShares(partnerId: $p) { id status partner { id } } }", Map.of("p", partner)));
		assertThat(shares.at("/data/partnerShares")).isEqualTo(JSON.readTree("""
				[{"id":"%s","status":"EXPIRED","partner":{"id":"%s"}},
				 {"id":"%s","status":"REVOKED","partner":{"id":"%s"}},
				 {"id":"%s","status":"ACTIVE","partner":{"id":"%s"}}]""".formatted(expired, partner, revoked, partner,
				active, partner)));
		body = call(owner(), "mutation($id: ID!) { changeShare(id: $id, expiresAt: \"2099-01-01T00:00:00Z\") { id } }",
				Map.of("id", revoked));
		assertError(body, "BAD_USER_INPUT",
				"id: share " + revoked + " is revoked and stays so; share the segment again instead", "changeShare");
	}

	@Test
	void ownerOnlyFieldsRefusePartnerTokens() {
		UUID person = people(1).get(0);
		String segment = SEGMENTS.segment(Set.of(person));
		String partner = partner();
		String share = share(segment, partner, List.of("EMAIL"));
		Map<String, String> ownerOnly = new LinkedHashMap<>();
		ownerOnly.put("partners", "{ partners { id name } }");
		ownerOnly.put("partnerShares", "{ partnerShares { id segmentId } }");
		ownerOnly.put("partnerAuditLog", "{ partnerAuditLog { edges { node { action } } } }");
		ownerOnly.put("profile", "{ profile(id: \"" + person + "\") { identities { value } traits { json } } }");
		ownerOnly.put("profiles", "{ profiles { edges { node { id identities { value } } } } }");
		ownerOnly.put("profileByIdentity",
				"{ profileByIdentity(type: EMAIL, value: \"" + emailOf(person) + "\") { id } }");
		ownerOnly.put("_entities", "{ _entities(representations: [{__typename: \"Profile\", id: \"" + person
				+ "\"}]) { ... on Profile { identities { value } traits { json } } } }");
		ownerOnly.put("createPartner", "mutation { createPartner(id: \"intruder\", name: \"x\") { id } }");
		ownerOnly.put("shareAudience", "mutation { shareAudience(segmentId: \"" + segment + "\", partnerId: \""
				+ partner + "\", identifierTypes: [EMAIL], expiresAt: \"2099-01-01T00:00:00Z\") { id } }");
		ownerOnly.put("revokeShare", "mutation { revokeShare(id: \"" + share + "\") { id } }");
		ownerOnly.put("setConsent", "mutation { setConsent(input: {profileId: \"" + person
				+ "\", purpose: PARTNER_SHARING, status: GRANTED}) { status } }");
		ownerOnly.put("eraseProfile", "mutation { eraseProfile(input: {profileId: \"" + person
				+ "\", requestedBy: \"partner\"}) { profileId } }");
		ownerOnly.forEach((field, document) -> {
			String body = partnerCall(partner, document, Map.of());
			assertThat(JSON.readTree(body).at("/errors/0/extensions/code").asString()).as(field).isEqualTo("FORBIDDEN");
			assertThat(JSON.readTree(body).at("/errors/0/path/0").asString()).as(field).isEqualTo(field);
			// an entity itself is fetched (the gateway resolves entities), each of its
			// fields refused
			JsonNode data = JSON.readTree(body).get("data");
			JsonNode answer = (data == null || data.isNull()) ? data : data.get(field);
			assertThat(answer == null || answer.isNull() || answer.toString().equals("[null]")).as(field + ": " + body)
				.isTrue();
			assertNoLeak(body);
		});
		assertThat(ownerCall("{ partnerShares(partnerId: \"" + partner + "\") { status } }", Map.of()))
			.contains("ACTIVE");
		assertThat(count("SELECT count(*) FROM profiles WHERE id = '" + person + "'")).isOne();

		String body = call(null, SHARED, Map.of());
		assertError(body, "UNAUTHENTICATED", "no caller identity: call through the gateway with a token",
				"sharedAudiences");
		String forged = new IdentityTokens("another-secret-that-is-long-enough-0123456789").mint(
				new CallerIdentity("x", Set.of("partner"), Set.of("partner"), partner, Instant.now().plusSeconds(60)));
		body = call(forged, SHARED, Map.of());
		// the identity module's interceptor refuses the whole request before any field
		// runs
		assertThat(JSON.readTree(body).has("data")).as(body).isFalse();
		assertThat(JSON.readTree(body).at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
		assertThat(JSON.readTree(body).at("/errors/0/message").asString())
			.isEqualTo("The X-Zielwerk-Identity header is not valid: identity token signature does not match");
	}

	@Test
	void withdrawalAndErasureTakeAPersonOutOfEveryShareAtOnce() {
		List<UUID> members = people(3);
		String segment = SEGMENTS.segment(Set.copyOf(members));
		String d = partner();
		String e = partner();
		share(segment, d, List.of("EMAIL"));
		String shareOfE = share(segment, e, List.of("EMAIL"));
		assertThat(memberHashes(d)).hasSize(3);
		assertThat(memberHashes(e)).hasSize(3);

		ownerCall("mutation($id: ID!) { setConsent(input: {profileId: $id, purpose: PARTNER_SHARING, status: WITHDRAWN"
				+ "}) { status } }", Map.of("id", members.get(0).toString()));
		List<String> expected = List.of(hash("EMAIL", emailOf(members.get(1))), hash("EMAIL", emailOf(members.get(2))));
		assertThat(memberHashes(d)).isEqualTo(expected);
		assertThat(memberHashes(e)).isEqualTo(expected);

		String body = partnerCall(e, IMPORT, Map.of("share", shareOfE, "rows",
				List.of(Map.of("sha256", hash("EMAIL", emailOf(members.get(1))), "traits", Map.of("tier", "A")))));
		assertThat(JSON.readTree(body))
			.isEqualTo(JSON.readTree("{\"data\":{\"importPartnerTraits\":{\"received\":1}}}"));
		assertThat(count(
				"SELECT count(*) FROM traits WHERE trait_group = 'partner' AND profile_id = '" + members.get(1) + "'"))
			.isOne();
		ownerCall("mutation($id: ID!) { eraseProfile(input: {profileId: $id, requestedBy: \"dpo\"}) { profileId } }",
				Map.of("id", members.get(1).toString()));

		// segment-service has not caught up yet (the fixture still lists both); the share
		// follows this service's consent and erasure at once
		List<String> remaining = List.of(hash("EMAIL", emailOf(members.get(2))));
		assertThat(memberHashes(d)).isEqualTo(remaining);
		assertThat(memberHashes(e)).isEqualTo(remaining);
		assertThat(count("SELECT count(*) FROM traits WHERE profile_id = '" + members.get(1) + "'")).isZero();
	}

	@Test
	void overlapIsToldOnlyFromTheThresholdUpAndRateLimited() {
		List<UUID> members = people(50);
		String memberPhone = phone(members.get(0));
		UUID unconsented = person(email(), "WITHDRAWN", null);
		UUID outsider = people(1).get(0);
		String segment = SEGMENTS.segment(Set.copyOf(concat(members, List.of(unconsented))));
		String partner = partner();
		String share = share(segment, partner, List.of("EMAIL", "PHONE"));
		// matched by the database's partner_hash: the first member by phone, the others
		// by
		// e-mail, each hashed here by the golden-vector-tested PartnerHashing
		List<String> memberHashes = new ArrayList<>();
		memberHashes.add(hash("PHONE", memberPhone));
		members.subList(1, 50).forEach((m) -> memberHashes.add(hash("EMAIL", emailOf(m))));
		List<String> extras = concat(List.of(hash("EMAIL", emailOf(unconsented)), hash("EMAIL", emailOf(outsider)),
				hash("EMAIL", emailOf(members.get(0)))), randomHashes(10));

		String below = partnerCall(partner, OVERLAP,
				Map.of("share", share, "hashes", concat(memberHashes.subList(0, 48), extras)));
		assertThat(JSON.readTree(below)).isEqualTo(JSON.readTree(
				"{\"data\":{\"audienceOverlap\":{\"status\":\"BELOW_THRESHOLD\",\"count\":null,\"threshold\":50}}}"));
		String justBelow = partnerCall(partner, OVERLAP,
				Map.of("share", share, "hashes", concat(memberHashes.subList(1, 50), extras.subList(0, 2))));
		assertThat(JSON.readTree(justBelow)).isEqualTo(JSON.readTree(
				"{\"data\":{\"audienceOverlap\":{\"status\":\"BELOW_THRESHOLD\",\"count\":null,\"threshold\":50}}}"));
		String at = partnerCall(partner, OVERLAP, Map.of("share", share, "hashes", concat(memberHashes, extras)));
		assertThat(JSON.readTree(at)).isEqualTo(JSON
			.readTree("{\"data\":{\"audienceOverlap\":{\"status\":\"COUNTED\",\"count\":50,\"threshold\":50}}}"));
		assertNoLeak(below + justBelow + at);

		String bad = partnerCall(partner, OVERLAP,
				Map.of("share", share, "hashes", concat(List.of(emailOf(members.get(3))), memberHashes)));
		assertError(bad, "BAD_USER_INPUT", "hashedIdentifiers[0]: must be a SHA-256 as 64 hex digits of a "
				+ "normalized identifier, never the identifier itself", "audienceOverlap");
		String few = partnerCall(partner, OVERLAP, Map.of("share", share, "hashes", memberHashes.subList(0, 49)));
		assertError(few, "BAD_USER_INPUT", "hashedIdentifiers: at least 50 distinct hashes are needed (the threshold "
				+ "below which no overlap is told), got 49", "audienceOverlap");

		partnerCall(partner, OVERLAP, Map.of("share", share, "hashes", memberHashes));
		String limited = partnerCall(partner, OVERLAP, Map.of("share", share, "hashes", memberHashes));
		assertThat(JSON.readTree(limited).at("/errors/0/extensions/code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(JSON.readTree(limited).at("/errors/0/message").asString())
			.startsWith("partner " + partner + " has used its 4 overlap queries per PT1H");
		assertThat(auditActions(partner)).containsExactly("OVERLAP_REFUSED", "OVERLAP_QUERIED", "OVERLAP_QUERIED",
				"OVERLAP_QUERIED", "OVERLAP_QUERIED", "SHARE_CREATED", "PARTNER_CREATED");
		JsonNode counted = JSON
			.readTree(ownerCall("query($p: ID!) { partnerAuditLog(partnerId: $p, first: 5) { edges "
					+ "{ node { action rowCount matchedCount } } } }", Map.of("p", partner)))
			.at("/data/partnerAuditLog/edges");
		assertThat(counted.get(2).get("node"))
			.isEqualTo(JSON.readTree("{\"action\":\"OVERLAP_QUERIED\",\"rowCount\":63,\"matchedCount\":50}"));
		assertThat(counted.get(3).get("node"))
			.isEqualTo(JSON.readTree("{\"action\":\"OVERLAP_QUERIED\",\"rowCount\":51,\"matchedCount\":49}"));
	}

	@Test
	void anOverlapOnlyShareCountsButNeverListsMembers() {
		List<UUID> members = people(50);
		String segment = SEGMENTS.segment(Set.copyOf(members));
		String partner = partner();
		String share = JSON
			.readTree(ownerCall("""
					mutation($s: ID!, $p: ID!) { shareAudience(segmentId: $s, partnerId: $p, identifierTypes: [EMAIL],
					  expiresAt: "2099-01-01T00:00:00Z", overlapOnly: true) { id overlapOnly } }""",
					Map.of("s", segment, "p", partner)))
			.at("/data/shareAudience/id")
			.asString();

		String body = partnerCall(partner, "{ sharedAudiences { id overlapOnly } }", Map.of());
		assertThat(JSON.readTree(body)).isEqualTo(
				JSON.readTree("{\"data\":{\"sharedAudiences\":[{\"id\":\"" + share + "\",\"overlapOnly\":true}]}}"));
		body = partnerCall(partner, SHARED, Map.of());
		assertThat(JSON.readTree(body).at("/errors/0/extensions/code").asString()).isEqualTo("FORBIDDEN");
		assertThat(JSON.readTree(body).at("/errors/0/message").asString())
			.isEqualTo("share " + share + " allows overlap counts only, not member lists");
		assertThat(JSON.readTree(body).at("/data").isNull()).isTrue();
		assertNoLeak(body);
		body = partnerCall(partner, OVERLAP,
				Map.of("share", share, "hashes", members.stream().map((m) -> hash("EMAIL", emailOf(m))).toList()));
		assertThat(JSON.readTree(body)).isEqualTo(JSON
			.readTree("{\"data\":{\"audienceOverlap\":{\"status\":\"COUNTED\",\"count\":50,\"threshold\":50}}}"));
	}

	@Test
	void partnerTraitsBecomeSecondPartyTraitsWithProvenance() {
		List<UUID> members = people(1);
		UUID member = members.get(0);
		UUID unconsented = person(email(), null, null);
		UUID outsider = people(1).get(0);
		String segment = SEGMENTS.segment(Set.of(member, unconsented));
		String partner = partner();
		String share = share(segment, partner, List.of("EMAIL"));

		String body = partnerCall(partner, IMPORT,
				Map.of("share", share, "rows", List.of(row(member, Map.of("loyalty", "gold", "visits", 3)),
						row(unconsented, Map.of("loyalty", "silver")), row(outsider, Map.of("loyalty", "bronze")),
						Map.of("sha256", randomHashes(1).get(0), "traits", Map.of("loyalty", "tin")))));
		assertThat(JSON.readTree(body))
			.isEqualTo(JSON.readTree("{\"data\":{\"importPartnerTraits\":{\"received\":4}}}"));
		Map<String, Object> update = new LinkedHashMap<>();
		update.put("visits", null);
		update.put("tier", "A");
		partnerCall(partner, IMPORT, Map.of("share", share, "rows", List.of(row(member, update))));

		String traits = """
				query($id: ID!) { profile(id: $id) { traits { partner { name value source party } json } } }""";
		JsonNode stored = JSON.readTree(ownerCall(traits, Map.of("id", member.toString()))).at("/data/profile/traits");
		assertThat(stored.get("partner")).isEqualTo(JSON.readTree("""
				[{"name":"%s","value":{"loyalty":"gold","tier":"A"},"source":"partner:%s share:%s","party":"SECOND"}]"""
			.formatted(partner, partner, share)));
		assertThat(stored.at("/json/partner/" + partner + "/tier").asString()).isEqualTo("A");
		for (UUID other : List.of(unconsented, outsider)) {
			assertThat(JSON.readTree(ownerCall(traits, Map.of("id", other.toString())))
				.at("/data/profile/traits/partner")
				.isEmpty()).isTrue();
		}

		List<String> payloads = Objects.requireNonNull(this.database
			.sql("SELECT payload::text FROM outbox WHERE profile_id = $1 AND type = 'traits' ORDER BY seq")
			.bind(0, member)
			.map((row, meta) -> row.get(0, String.class))
			.all()
			.collectList()
			.block());
		assertThat(payloads).hasSize(2);
		assertThat(JSON.readTree(payloads.get(1))).isEqualTo(JSON.readTree(
				"""
						{"traits":{"partner":{"%s":{"loyalty":"gold","tier":"A"}}},"source":"partner:%s share:%s","party":"SECOND"}"""
					.formatted(partner, partner, share)));
		Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(PartnerSharingIT.class.getResourceAsStream("/stream/traits.schema.json"));
		payloads.forEach((payload) -> assertThat(schema.validate(payload, InputFormat.JSON)).isEmpty());

		JsonNode audit = JSON
			.readTree(ownerCall("query($p: ID!) { partnerAuditLog(partnerId: $p, first: 2) { edges "
					+ "{ node { action rowCount matchedCount shareId } } } }", Map.of("p", partner)))
			.at("/data/partnerAuditLog/edges");
		assertThat(audit).isEqualTo(JSON.readTree("""
				[{"node":{"action":"TRAITS_IMPORTED","rowCount":1,"matchedCount":1,"shareId":"%s"}},
				 {"node":{"action":"TRAITS_IMPORTED","rowCount":4,"matchedCount":1,"shareId":"%s"}}]""".formatted(share,
				share)));
	}

	@Test
	void membersArePagedWithSealedCursorsBoundToShareAndPartner() {
		List<UUID> members = people(3);
		String segment = SEGMENTS.segment(Set.copyOf(members));
		String partner = partner();
		String other = partner();
		String share = share(segment, partner, List.of("EMAIL"));
		share(segment, other, List.of("EMAIL"));
		String page = """
				query($after: String) { sharedAudiences { members(first: 1, after: $after) {
				  edges { cursor node { identifiers { sha256 } } } pageInfo { hasNextPage endCursor } } } }""";

		JsonNode first = JSON.readTree(partnerCall(partner, page, new LinkedHashMap<>()))
			.at("/data/sharedAudiences/0/members");
		assertThat(first.at("/edges/0/node/identifiers/0/sha256").asString())
			.isEqualTo(hash("EMAIL", emailOf(members.get(0))));
		assertThat(first.at("/pageInfo/hasNextPage").asBoolean()).isTrue();
		String cursor = first.at("/pageInfo/endCursor").asString();
		assertThat(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1))
			.doesNotContain(members.get(0).toString());
		assertNoLeak(first.toString());

		JsonNode second = JSON.readTree(partnerCall(partner, page, Map.of("after", cursor)))
			.at("/data/sharedAudiences/0/members");
		assertThat(second.at("/edges/0/node/identifiers/0/sha256").asString())
			.isEqualTo(hash("EMAIL", emailOf(members.get(1))));

		String elsewhere = partnerCall(other, page, Map.of("after", cursor));
		assertThat(JSON.readTree(elsewhere).at("/errors/0/extensions/code").asString()).isEqualTo("BAD_USER_INPUT");
		assertThat(JSON.readTree(elsewhere).at("/errors/0/message").asString())
			.isEqualTo("after: not a cursor this API issued for this share and partner");
		char flipped = (cursor.charAt(5) == 'A') ? 'B' : 'A';
		String tampered = cursor.substring(0, 5) + flipped + cursor.substring(6);
		assertThat(JSON.readTree(partnerCall(partner, page, Map.of("after", tampered)))
			.at("/errors/0/extensions/code")
			.asString()).isEqualTo("BAD_USER_INPUT");
		assertThat(share).isNotBlank();
	}

	@Test
	void nothingIsShownWhenMembershipCannotBeRead() {
		List<UUID> members = people(50);
		String segment = SEGMENTS.segment(Set.copyOf(members));
		String partner = partner();
		String share = share(segment, partner, List.of("EMAIL"));
		SEGMENTS.down(true);
		try {
			String body = partnerCall(partner, SHARED, Map.of());
			assertThat(JSON.readTree(body).at("/errors/0/extensions/code").asString()).isEqualTo("UNAVAILABLE");
			assertThat(JSON.readTree(body).at("/data").isNull()).isTrue();
			body = partnerCall(partner, OVERLAP,
					Map.of("share", share, "hashes", members.stream().map((m) -> hash("EMAIL", emailOf(m))).toList()));
			assertThat(JSON.readTree(body).at("/errors/0/extensions/code").asString()).isEqualTo("UNAVAILABLE");
			assertNoLeak(body);
		}
		finally {
			SEGMENTS.down(false);
		}
	}

	@Test
	void auditLogIsAppendOnly() {
		String partner = partner();
		assertThat(count("SELECT count(*) FROM partner_audit WHERE partner_id = '" + partner + "'")).isOne();
		for (String statement : List.of("UPDATE partner_audit SET row_count = 0", "DELETE FROM partner_audit",
				"TRUNCATE partner_audit")) {
			assertThatThrownBy(() -> this.database.sql(statement).then().block()).as(statement)
				.hasMessageContaining("partner_audit is append-only");
		}
		assertThat(count("SELECT count(*) FROM partner_audit WHERE partner_id = '" + partner + "'")).isOne();
		assertThat(auditActions(partner)).containsExactly("PARTNER_CREATED");
	}

	// --- fixtures -----------------------------------------------------------------

	private UUID person(@Nullable String email, @Nullable String consent, @Nullable Instant consentExpires) {
		UUID id = TimeOrderedUuid.next();
		Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
		this.database.sql("INSERT INTO profiles (id, first_seen_at, last_seen_at) VALUES ($1, $2, $2)")
			.bind(0, id)
			.bind(1, t0)
			.then()
			.block();
		if (email != null) {
			identity(id, "EMAIL", email);
		}
		if (consent != null) {
			DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
					INSERT INTO consents (profile_id, purpose, status, source, occurred_at, expires_at)
					VALUES ($1, 'PARTNER_SHARING', $2, 'API', $3, $4)""").bind(0, id).bind(1, consent).bind(2, t0);
			spec = (consentExpires != null) ? spec.bind(3, consentExpires) : spec.bindNull(3, Instant.class);
			spec.then().block();
		}
		String city = "secret-city-" + SEQUENCE.incrementAndGet();
		this.database
			.sql("INSERT INTO traits (profile_id, trait_group, name, value, source, party, updated_at) "
					+ "VALUES ($1, 'geo', 'city', $2::jsonb, 'crm', 'FIRST', $3)")
			.bind(0, id)
			.bind(1, io.r2dbc.postgresql.codec.Json.of("\"" + city + "\""))
			.bind(2, t0)
			.then()
			.block();
		this.secrets.add(id.toString());
		this.secrets.add(city);
		return id;
	}

	private List<UUID> people(int n) {
		List<UUID> people = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			people.add(person(email(), "GRANTED", null));
		}
		return people;
	}

	private void identity(UUID profile, String type, String value) {
		this.database.sql(
				"INSERT INTO identities (type, value, profile_id, first_seen_at, source) VALUES ($1, $2, $3, now(), 't')")
			.bind(0, type)
			.bind(1, value)
			.bind(2, profile)
			.then()
			.block();
		this.secrets.add(value);
	}

	/** Gives the person a phone number in E.164, as the normalizer stores it. */
	private String phone(UUID profile) {
		String e164 = "+49151" + String.format("%08d", SEQUENCE.incrementAndGet());
		identity(profile, "PHONE", e164);
		this.secrets.add(e164.substring(1));
		return e164;
	}

	private static String email() {
		return "person" + SEQUENCE.incrementAndGet() + "@example.org";
	}

	private String emailOf(UUID profile) {
		return Objects
			.requireNonNull(this.database.sql("SELECT value FROM identities WHERE profile_id = $1 AND type = 'EMAIL'")
				.bind(0, profile)
				.map((row, meta) -> row.get(0, String.class))
				.one()
				.block());
	}

	private Map<String, Object> row(UUID profile, Map<String, @Nullable Object> traits) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("sha256", hash("EMAIL", emailOf(profile)));
		row.put("traits", traits);
		return row;
	}

	private String partner() {
		String id = "partner_" + SEQUENCE.incrementAndGet();
		ownerCall("mutation($id: ID!) { createPartner(id: $id, name: \"Partner\") { id } }", Map.of("id", id));
		return id;
	}

	private String share(String segment, String partner, List<String> types) {
		String body = ownerCall("""
				mutation($s: ID!, $p: ID!, $t: [IdentityType!]!) {
				  shareAudience(segmentId: $s, partnerId: $p, identifierTypes: $t, expiresAt: "2099-01-01T00:00:00Z") {
				    id status } }""", Map.of("s", segment, "p", partner, "t", types));
		JsonNode share = JSON.readTree(body).at("/data/shareAudience");
		assertThat(share.get("status").asString()).as(body).isEqualTo("ACTIVE");
		return share.get("id").asString();
	}

	private List<String> memberHashes(String partner) {
		String body = partnerCall(partner, SHARED, Map.of());
		assertNoLeak(body);
		List<String> hashes = new ArrayList<>();
		JSON.readTree(body)
			.at("/data/sharedAudiences/0/members/edges")
			.forEach((edge) -> hashes.add(edge.at("/node/identifiers/0/sha256").asString()));
		return hashes;
	}

	private List<String> auditActions(String partner) {
		List<String> actions = new ArrayList<>();
		JSON.readTree(ownerCall("query($p: ID!) { partnerAuditLog(partnerId: $p) { edges { node { action } } } }",
				Map.of("p", partner)))
			.at("/data/partnerAuditLog/edges")
			.forEach((edge) -> actions.add(edge.at("/node/action").asString()));
		return actions;
	}

	private long count(String sql) {
		return Objects.requireNonNull(this.database.sql(sql).map((row, meta) -> row.get(0, Long.class)).one().block());
	}

	private static String hash(String type, String value) {
		return PartnerHashing.hash(IdentityType.valueOf(type), value);
	}

	private static List<String> randomHashes(int n) {
		List<String> hashes = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			hashes.add(hash("EMAIL", UUID.randomUUID() + "@nowhere.example"));
		}
		return hashes;
	}

	private static <T> List<T> concat(List<T> a, List<T> b) {
		List<T> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}

	private String owner() {
		return TOKENS.mint(new CallerIdentity("owner@brand", Set.of("partners:manage", "profiles:read"),
				Set.of("owner"), null, Instant.now().plusSeconds(60)));
	}

	private String ownerCall(String document, Map<String, Object> variables) {
		String body = call(owner(), document, variables);
		assertThat(JSON.readTree(body).has("errors")).as(body).isFalse();
		return body;
	}

	private String partnerCall(String partner, String document, Map<String, Object> variables) {
		return call(
				TOKENS.mint(new CallerIdentity(partner + "-bot", Set.of(CallerIdentity.PARTNER_SCOPE),
						Set.of(CallerIdentity.PARTNER_ROLE), partner, Instant.now().plusSeconds(60))),
				document, variables);
	}

	private String call(@Nullable String token, String document, Map<String, Object> variables) {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("query", document);
		request.put("variables", variables);
		WebTestClient.RequestBodySpec spec = this.client.post().contentType(MediaType.APPLICATION_JSON);
		if (token != null) {
			spec = spec.header(IdentityTokens.HEADER, token);
		}
		return Objects.requireNonNull(spec.bodyValue(JSON.writeValueAsString(request))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
	}

	private static void assertError(String body, String code, String message, String field) {
		JsonNode json = JSON.readTree(body);
		assertThat(json.at("/errors/0/extensions/code").asString()).as(body).isEqualTo(code);
		assertThat(json.at("/errors/0/message").asString()).as(body).isEqualTo(message);
		assertThat(json.at("/errors/0/path/0").asString()).as(body).isEqualTo(field);
		assertThat(json.at("/data").isNull()).as(body).isTrue();
	}

	/** The whole body holds none of the raw values the fixtures wrote. */
	private void assertNoLeak(String body) {
		String lower = body.toLowerCase(java.util.Locale.ROOT);
		for (String secret : this.secrets) {
			assertThat(lower).as("leaks %s", secret).doesNotContain(secret.toLowerCase(java.util.Locale.ROOT));
		}
		assertThat(body).doesNotContain("@example").doesNotContain("secret-city");
	}

}
