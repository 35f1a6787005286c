package dev.zielwerk.profile.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import dev.zielwerk.profile.identity.Identifier;
import dev.zielwerk.profile.identity.IdentityType;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "zielwerk.profile.ingest.write-keys=" + IngestionSupport.WRITE_KEY)
@AutoConfigureWebTestClient
class IdentityResolutionIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, IdentityResolutionIT.class);
	}

	@Autowired
	WebTestClient client;

	@Autowired
	DatabaseClient database;

	@Autowired
	IngestService ingest;

	IngestionSupport support;

	String run;

	@BeforeEach
	void setUp() {
		this.support = new IngestionSupport(this.client, this.database);
		this.run = UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void linkingTwoProfilesMergesEventsTraitsAndConsentIntoTheSurvivor() {
		String anon = "anon-" + this.run;
		String user = "user-" + this.run;
		this.support.post("/v1/batch", """
				{"batch": [
				  {"type": "track", "anonymousId": "%1$s", "event": "Viewed", "timestamp": "2026-01-01T10:00:00Z",
				   "context": {"consent": {"categoryPreferences": {"Advertising": true}}}},
				  {"type": "identify", "anonymousId": "%1$s", "traits": {"firstName": "Anon", "age": 30},
				   "timestamp": "2026-01-01T10:00:00Z"}
				]}
				""".formatted(anon)).expectStatus().isOk();
		this.support.post("/v1/identify", """
				{"userId": "%1$s", "traits": {"firstName": "Grace", "email": "grace-%2$s@example.org"},
				 "timestamp": "2026-01-02T10:00:00Z"}
				""".formatted(user, this.run)).expectStatus().isOk();
		UUID anonymous = this.support.profileOf("ANONYMOUS_ID", anon);
		UUID known = this.support.profileOf("USER_ID", user);
		assertThat(anonymous).isNotEqualTo(known);

		this.support.post("/v1/track", """
				{"userId": "%1$s", "anonymousId": "%2$s", "event": "Logged In", "timestamp": "2026-01-03T10:00:00Z"}
				""".formatted(user, anon)).expectStatus().isOk();

		assertThat(this.support.profileOf("ANONYMOUS_ID", anon)).isEqualTo(known);
		assertThat(this.support.count("SELECT count(*) FROM events WHERE profile_id = $1", known)).isEqualTo(4);
		assertThat(this.support.count("SELECT count(*) FROM events WHERE profile_id = $1", anonymous)).isZero();
		assertThat(this.support.rows("SELECT name, value::text AS v FROM traits WHERE profile_id = $1 "
				+ "AND trait_group = 'demographic' ORDER BY name", known))
			.extracting((row) -> row.get("name") + "=" + row.get("v"))
			.containsExactly("age=30", "firstName=\"Grace\"");
		assertThat(this.support.count("SELECT count(*) FROM traits WHERE profile_id = $1", anonymous)).isZero();
		assertThat(this.support.count(
				"SELECT count(*) FROM consents WHERE profile_id = $1 AND purpose = 'ADVERTISING' AND status = 'GRANTED'",
				known))
			.isEqualTo(1);
		assertThat(this.support.count("SELECT count(*) FROM consent_history WHERE profile_id = $1", known))
			.isEqualTo(1);
		assertThat(this.support.count(
				"SELECT count(*) FROM profiles WHERE id = $1 AND merged_into = $2 " + "AND merged_at IS NOT NULL",
				anonymous, known))
			.isEqualTo(1);
		assertThat(this.support.count("SELECT count(*) FROM profiles WHERE id = $1 AND first_seen_at = "
				+ "'2026-01-01T10:00:00Z' AND last_seen_at = '2026-01-03T10:00:00Z'", known))
			.isEqualTo(1);
		assertThat(this.support.count("SELECT count(*) FROM merges WHERE survivor_id = $1 AND merged_id = $2 "
				+ "AND identity_type = 'ANONYMOUS_ID'", known, anonymous))
			.isEqualTo(1);
		assertThat(this.support.count("SELECT count(*) FROM outbox WHERE type = 'merge' AND profile_id = $1 "
				+ "AND payload->>'mergedId' = $2", known, anonymous.toString()))
			.isEqualTo(1);
		assertThat(this.support.outboxEnvelopes())
			.allSatisfy((envelope) -> assertThat(StreamSchemas.validate(envelope)).as(envelope).isEmpty());
	}

	@Test
	void aSecondUserIdOnAKnownDeviceIsAConflictAndNoMerge() {
		String device = "device-" + this.run;
		this.support.post("/v1/track", """
				{"userId": "first-%1$s", "event": "E", "context": {"device": {"id": "%2$s"}}}
				""".formatted(this.run, device)).expectStatus().isOk();
		this.support.post("/v1/track", """
				{"userId": "second-%1$s", "event": "E", "context": {"device": {"id": "%2$s"}}}
				""".formatted(this.run, device)).expectStatus().isOk();
		UUID first = this.support.profileOf("USER_ID", "first-" + this.run);
		UUID second = this.support.profileOf("USER_ID", "second-" + this.run);
		assertThat(second).isNotEqualTo(first);
		assertThat(this.support.profileOf("DEVICE_ID", device)).isEqualTo(first);
		assertThat(this.support.count("SELECT count(*) FROM merges WHERE survivor_id IN ($1, $2)", first, second))
			.isZero();
		assertThat(this.support.rows("SELECT identity_type, identity_value, other_profile_id, reason "
				+ "FROM identity_conflicts WHERE profile_id = $1", first))
			.singleElement()
			.satisfies((row) -> {
				assertThat(row.get("identity_type")).isEqualTo("USER_ID");
				assertThat(row.get("identity_value")).isEqualTo("second-" + this.run);
				assertThat(row.get("other_profile_id")).isEqualTo(second);
				assertThat(String.valueOf(row.get("reason"))).contains("limit of 1");
			});
	}

	@Test
	void anEmailSharedByTwoUsersDoesNotMergeThem() {
		String email = "shared-" + this.run + "@example.org";
		this.support
			.post("/v1/identify", "{\"userId\": \"a-" + this.run + "\", \"traits\": {\"email\": \"" + email + "\"}}")
			.expectStatus()
			.isOk();
		this.support.post("/v1/identify", "{\"userId\": \"b-" + this.run + "\"}").expectStatus().isOk();
		this.support
			.post("/v1/identify", "{\"userId\": \"b-" + this.run + "\", \"traits\": {\"email\": \"" + email + "\"}}")
			.expectStatus()
			.isOk();
		UUID a = this.support.profileOf("USER_ID", "a-" + this.run);
		UUID b = this.support.profileOf("USER_ID", "b-" + this.run);
		assertThat(a).isNotEqualTo(b);
		assertThat(
				this.support.count("SELECT count(*) FROM profiles WHERE id IN ($1, $2) AND merged_into IS NULL", a, b))
			.isEqualTo(2);
		assertThat(this.support.count(
				"SELECT count(*) FROM identity_conflicts WHERE profile_id = $1 "
						+ "AND other_profile_id = $2 AND reason LIKE 'merging would give one profile 2 USER_ID%'",
				b, a))
			.isEqualTo(1);
	}

	@Test
	void blockedValuesNeverLinkAnyone() {
		this.support.post("/v1/identify", "{\"userId\": \"x-" + this.run
				+ "\", \"traits\": {\"email\": \"TEST@test.com\"}, \"context\": {\"device\": {\"id\": \"unknown\"}}}")
			.expectStatus()
			.isOk();
		this.support.post("/v1/identify", "{\"userId\": \"y-" + this.run
				+ "\", \"traits\": {\"email\": \"test@test.com\"}, \"context\": {\"device\": {\"id\": \"unknown\"}}}")
			.expectStatus()
			.isOk();
		assertThat(this.support.profileOf("USER_ID", "x-" + this.run))
			.isNotEqualTo(this.support.profileOf("USER_ID", "y-" + this.run));
		assertThat(this.support.count("SELECT count(*) FROM identities WHERE value IN ('test@test.com', 'unknown')"))
			.isZero();
	}

	@Test
	void concurrentBatchesForTheSameNewUserEndWithExactlyOneProfile() {
		String user = "racer-" + this.run;
		List<IngestResult> results = Flux.range(0, 8)
			.parallel(8)
			.runOn(Schedulers.parallel())
			.flatMap((i) -> this.ingest.ingest(IntStream.range(0, 20)
				.mapToObj((j) -> SegmentMessage.track(user, "anon-" + this.run + "-" + i, "Raced", Map.of("j", j), null,
						null))
				.toList(), "test"))
			.sequential()
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(results).hasSize(8).allSatisfy((result) -> assertThat(result.accepted()).isEqualTo(20));
		UUID profile = this.support.profileOf("USER_ID", user);
		assertThat(this.support.count("SELECT count(*) FROM events WHERE name = 'Raced' AND profile_id = $1", profile))
			.isEqualTo(160);
		assertThat(this.support.count("SELECT count(DISTINCT profile_id) FROM events WHERE name = 'Raced'"))
			.isEqualTo(1);
		assertThat(this.support.count("SELECT count(*) FROM identities WHERE profile_id = $1 AND type = 'ANONYMOUS_ID'",
				profile))
			.isEqualTo(8);
		assertThat(results.stream().flatMap((r) -> r.outcomes().stream()).map(MessageOutcome::profileId).distinct())
			.containsExactly(profile);
	}

	@Test
	void messagesOfSuppressedPeopleAreDroppedWithoutCreatingAProfile() {
		String user = "erased-" + this.run;
		this.database
			.sql("INSERT INTO suppressions (identifier_hash, identity_type, created_at) VALUES ($1, $2, now())")
			.bind(0, new Identifier(IdentityType.USER_ID, user).suppressionHash())
			.bind(1, "USER_ID")
			.then()
			.block();
		this.support
			.post("/v1/track",
					"{\"userId\": \"" + user + "\", \"anonymousId\": \"z-" + this.run + "\", \"event\": \"E\"}")
			.expectStatus()
			.isOk();
		IngestResult result = this.ingest
			.ingest(List.of(SegmentMessage.track(user, null, "E", Map.of(), null, null)), "test")
			.block(Duration.ofSeconds(10));
		assertThat(result).isNotNull();
		assertThat(result.suppressed()).isEqualTo(1);
		assertThat(this.support.count("SELECT count(*) FROM identities WHERE value IN ($1, $2)", user, "z-" + this.run))
			.isZero();
	}

	@Test
	void categoryPreferencesRecordOnlyRealConsentChanges() {
		String user = "consent-" + this.run;
		String template = """
				{"userId": "%s", "event": "E", "timestamp": "%s",
				 "context": {"consent": {"categoryPreferences": %s}}}
				""";
		this.support
			.post("/v1/track",
					template.formatted(user, "2026-02-01T00:00:00Z",
							"{\"Advertising\": true, \"analytics\": false, \"Unknown Category\": true}"))
			.expectStatus()
			.isOk();
		this.support
			.post("/v1/track",
					template.formatted(user, "2026-02-02T00:00:00Z", "{\"Advertising\": true, \"analytics\": false}"))
			.expectStatus()
			.isOk();
		this.support.post("/v1/track", template.formatted(user, "2026-02-03T00:00:00Z", "{\"ads\": false}"))
			.expectStatus()
			.isOk();
		UUID profile = this.support.profileOf("USER_ID", user);
		assertThat(this.support.rows("SELECT purpose, status, source FROM consents WHERE profile_id = $1 ORDER BY 1",
				profile))
			.extracting((row) -> row.get("purpose") + "=" + row.get("status") + "/" + row.get("source"))
			.containsExactly("ADVERTISING=WITHDRAWN/CMP", "ANALYTICS=DENIED/CMP");
		assertThat(this.support.rows(
				"SELECT purpose, status FROM consent_history WHERE profile_id = $1 " + "ORDER BY occurred_at, purpose",
				profile))
			.extracting((row) -> row.get("purpose") + "=" + row.get("status"))
			.containsExactly("ADVERTISING=GRANTED", "ANALYTICS=DENIED", "ADVERTISING=WITHDRAWN");
		assertThat(
				this.support.count("SELECT count(*) FROM outbox WHERE type = 'consent' AND profile_id = $1", profile))
			.isEqualTo(3);
	}

	@Test
	void onlyChangedTraitsProduceATraitsMessage() {
		String user = "traits-" + this.run;
		this.support
			.post("/v1/identify",
					"{\"userId\": \"" + user
							+ "\", \"traits\": {\"firstName\": \"Lin\", \"geo\": {\"country\": \"DE\"}}}")
			.expectStatus()
			.isOk();
		this.support
			.post("/v1/identify",
					"{\"userId\": \"" + user
							+ "\", \"traits\": {\"firstName\": \"Lin\", \"geo\": {\"country\": \"AT\"}}, "
							+ "\"context\": {\"zeroParty\": true}}")
			.expectStatus()
			.isOk();
		this.support.post("/v1/identify", "{\"userId\": \"" + user + "\", \"traits\": {\"firstName\": \"Lin\"}}")
			.expectStatus()
			.isOk();
		UUID profile = this.support.profileOf("USER_ID", user);
		assertThat(this.support.rows(
				"SELECT payload::text AS p FROM outbox WHERE type = 'traits' AND profile_id = $1 " + "ORDER BY seq",
				profile))
			.extracting((row) -> row.get("p"))
			.containsExactly(
					"{\"party\": \"FIRST\", \"source\": \"segment-http\", \"traits\": {\"geo\": {\"country\": \"DE\"}, \"demographic\": {\"firstName\": \"Lin\"}}}",
					"{\"party\": \"ZERO\", \"source\": \"segment-http\", \"traits\": {\"geo\": {\"country\": \"AT\"}}}");
		assertThat(this.support.count("SELECT count(*) FROM traits WHERE profile_id = $1 AND trait_group = 'geo' "
				+ "AND party = 'ZERO' AND value = '\"AT\"'::jsonb", profile))
			.isEqualTo(1);
	}

	@Test
	void aliasMergesTheAnonymousProfileIntoTheUser() {
		String anon = "alias-anon-" + this.run;
		String user = "alias-user-" + this.run;
		this.support.post("/v1/track", "{\"anonymousId\": \"" + anon + "\", \"event\": \"Browsed\"}")
			.expectStatus()
			.isOk();
		this.support.post("/v1/identify", "{\"userId\": \"" + user + "\"}").expectStatus().isOk();
		UUID anonymous = this.support.profileOf("ANONYMOUS_ID", anon);
		UUID known = this.support.profileOf("USER_ID", user);
		this.support.post("/v1/alias", "{\"userId\": \"" + user + "\", \"previousId\": \"" + anon + "\"}")
			.expectStatus()
			.isOk();
		assertThat(this.support.profileOf("ANONYMOUS_ID", anon)).isEqualTo(known);
		assertThat(this.support.count("SELECT count(*) FROM merges WHERE survivor_id = $1 AND merged_id = $2", known,
				anonymous))
			.isEqualTo(1);
		assertThat(this.support.count("SELECT count(*) FROM events WHERE profile_id = $1 AND kind = 'ALIAS'", known))
			.isEqualTo(1);
	}

	@Test
	void ingestOneRejectsAnInvalidMessageWithTheField() {
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.ingest
				.ingestOne(SegmentMessage.track("u-" + this.run, null, " ", Map.of(), null, null), "graphql")
				.block(Duration.ofSeconds(10)))
			.isInstanceOf(dev.zielwerk.profile.error.InvalidInputException.class)
			.satisfies((ex) -> assertThat(((dev.zielwerk.profile.error.InvalidInputException) ex).field())
				.isEqualTo("event"));
		MessageOutcome outcome = this.ingest
			.ingestOne(SegmentMessage.track("u-" + this.run, null, "Tracked", Map.of(), null, null), "graphql")
			.block(Duration.ofSeconds(10));
		assertThat(outcome).isNotNull();
		assertThat(outcome.status()).isEqualTo(MessageOutcome.Status.ACCEPTED);
		assertThat(outcome.profileId()).isEqualTo(this.support.profileOf("USER_ID", "u-" + this.run));
		assertThat(this.support.count("SELECT count(*) FROM events WHERE id = $1 AND profile_id = $2",
				outcome.eventId(), outcome.profileId()))
			.isEqualTo(1);
	}

	@Test
	void concurrentBatchesWithOverlappingNewUsersNeverSplitAPerson() {
		List<IngestResult> results = Flux.range(0, 6)
			.parallel(6)
			.runOn(Schedulers.parallel())
			.flatMap((i) -> this.ingest.ingest(IntStream.range(0, 50)
				.mapToObj((j) -> SegmentMessage.track("ov-" + this.run + "-" + ((i * 7 + j) % 60),
						"ova-" + this.run + "-" + ((i * 7 + j) % 60), "Overlap", Map.of(), null, null))
				.toList(), "test"))
			.sequential()
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(results).allSatisfy((result) -> assertThat(result.accepted()).isEqualTo(50));
		assertThat(this.support.count("SELECT count(DISTINCT profile_id) FROM events WHERE name = 'Overlap'"))
			.isEqualTo(this.support.count("SELECT count(*) FROM identities WHERE type = 'USER_ID' AND value LIKE $1",
					"ov-" + this.run + "-%"));
		assertThat(
				this.support.count("SELECT count(*) FROM identities a JOIN identities u ON a.profile_id = u.profile_id "
						+ "WHERE a.type = 'ANONYMOUS_ID' AND u.type = 'USER_ID' AND a.value LIKE $1 "
						+ "AND substr(a.value, 5) <> substr(u.value, 4)", "ova-" + this.run + "-%"))
			.isZero();
		assertThat(this.support.count("SELECT count(*) FROM profiles p WHERE merged_into IS NULL AND NOT EXISTS "
				+ "(SELECT 1 FROM identities i WHERE i.profile_id = p.id)"))
			.isZero();
	}

}
