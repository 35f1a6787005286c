package dev.zielwerk.profile.graphql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.zielwerk.profile.erasure.ProfileErasure;
import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.error.NotFoundException;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErasureGraphQlIT {

	private static final String ERASE = """
			mutation($input: EraseProfileInput!) { eraseProfile(input: $input) {
			  profileId erasedAt deleted suppressedIdentifiers streamEntriesDeleted } }""";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, ErasureGraphQlIT.class);
		// the tests write outbox rows and stream entries by hand, one of them unsent on
		// purpose; a live relay would append it to the stream before the erasure runs
		registry.add("zielwerk.profile.relay.enabled", () -> "false");
	}

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	ProfileErasure erasure;

	@Value("${zielwerk.redis.namespace}")
	String namespace;

	HttpGraphQlTester graphQl;

	Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.graphQl = HttpGraphQlTester
			.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port + "/graphql").build());
		this.fixtures = new Fixtures(this.database);
	}

	@Test
	void erasesThePersonAndEveryMergedProfileLeavingOnlyHashesAndAudit() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String email = "erase-" + tag + "@example.com";
		String phone = "+4930" + (1000000 + Math.abs(tag.hashCode() % 8000000));
		String userId = "user-" + tag;
		String anonymousId = "anon-" + tag;
		String firstName = "Ada-" + tag;
		String eventMarker = "street-" + tag;
		String conflictValue = "other-user-" + tag;
		UUID survivor = this.fixtures.profile(Fixtures.T0);
		UUID merged = this.fixtures.mergedInto(survivor, "EMAIL", Fixtures.T0.plus(Duration.ofHours(1)));
		UUID bystander = this.fixtures.profile(Fixtures.T0);
		this.fixtures.identity(survivor, "EMAIL", email);
		this.fixtures.identity(survivor, "PHONE", phone);
		this.fixtures.identity(survivor, "USER_ID", userId);
		this.fixtures.identity(merged, "ANONYMOUS_ID", anonymousId);
		this.fixtures.identity(bystander, "USER_ID", "bystander-" + tag);
		this.fixtures.trait(survivor, "demographic", "firstName", "\"" + firstName + "\"");
		this.fixtures.trait(merged, "geo", "city", "\"Berlin-" + tag + "\"");
		this.fixtures.event(survivor, "TRACK", "Order Completed", Fixtures.T0, "{\"street\":\"" + eventMarker + "\"}");
		this.fixtures.event(merged, "PAGE", "Home", Fixtures.T0, "{\"street\":\"" + eventMarker + "\"}");
		this.fixtures.consent(survivor, "EMAIL_MARKETING", "GRANTED", Fixtures.T0, null);
		this.fixtures.conflict(survivor, null, "USER_ID", conflictValue);
		this.fixtures.conflict(bystander, survivor, "EMAIL", email);
		String streamKey = this.namespace + ":{profile}:stream";
		RecordId first = xadd(streamKey, "{\"email\":\"" + email + "\"}");
		RecordId second = xadd(streamKey, "{\"anonymousId\":\"" + anonymousId + "\"}");
		RecordId unrelated = xadd(streamKey, "{\"userId\":\"bystander-" + tag + "\"}");
		this.fixtures.outbox(survivor, "{\"email\":\"" + email + "\"}", first.getValue());
		this.fixtures.outbox(merged, "{\"anonymousId\":\"" + anonymousId + "\"}", second.getValue());
		this.fixtures.outbox(survivor, "{\"firstName\":\"" + firstName + "\"}", null);
		this.fixtures.outbox(bystander, "{\"userId\":\"bystander-" + tag + "\"}", unrelated.getValue());

		this.graphQl.document(ERASE)
			.variable("input",
					Map.of("profileId", survivor.toString(), "requestedBy", "ticket-4711", "reason", "Art. 17 request"))
			.execute()
			.path("eraseProfile.profileId")
			.entity(String.class)
			.isEqualTo(survivor.toString())
			.path("eraseProfile.suppressedIdentifiers")
			.entity(Integer.class)
			.isEqualTo(4)
			.path("eraseProfile.streamEntriesDeleted")
			.entity(Integer.class)
			.isEqualTo(2)
			.path("eraseProfile.deleted")
			.entity(Map.class)
			.isEqualTo(Map.of("profiles", 2, "identities", 4, "traits", 2, "events", 2, "consents", 1,
					"consent_history", 1, "merges", 1, "identity_conflicts", 2, "outbox", 3));

		List<String> personalData = List.of(email, phone, userId, anonymousId, firstName, eventMarker, conflictValue,
				"Berlin-" + tag);
		List<String> ids = List.of(survivor.toString(), merged.toString());
		for (String table : tables()) {
			for (String row : rows(table)) {
				assertThat(personalData).as("%s row %s", table, row).noneMatch(row::contains);
				boolean referencesPerson = ids.stream().anyMatch(row::contains);
				if (referencesPerson) {
					assertThat(table).as("only the audit and the erase message name the ids: %s", row)
						.isIn("erasure_audit", "outbox");
				}
			}
		}
		assertThat(rows("erasure_audit")).filteredOn((row) -> row.contains(survivor.toString()))
			.singleElement()
			.satisfies((row) -> assertThat(row).contains(survivor.toString(), "ticket-4711", "Art. 17 request"));
		List<Map<String, Object>> personMessages = this.database
			.sql("SELECT type, payload::text AS payload FROM outbox WHERE profile_id = ANY($1)")
			.bind(0, new UUID[] { survivor, merged })
			.fetch()
			.all()
			.collectList()
			.block();
		assertThat(personMessages).singleElement().satisfies((message) -> {
			assertThat(message.get("type")).isEqualTo("erase");
			assertThat(message.get("payload")).isEqualTo("{\"mergedIds\": [\"" + merged + "\"]}");
			assertThat(eraseSchema().validate((String) message.get("payload"), InputFormat.JSON)).isEmpty();
		});
		assertThat(rows("suppressions"))
			.filteredOn((row) -> row.contains(",EMAIL,") || row.contains(",PHONE,") || row.contains(",USER_ID,")
					|| row.contains(",ANONYMOUS_ID,"))
			.anySatisfy((row) -> assertThat(row).contains(sha256("EMAIL:" + email)))
			.anySatisfy((row) -> assertThat(row).contains(sha256("PHONE:" + phone)))
			.anySatisfy((row) -> assertThat(row).contains(sha256("USER_ID:" + userId)))
			.anySatisfy((row) -> assertThat(row).contains(sha256("ANONYMOUS_ID:" + anonymousId)));
		List<String> remaining = this.redis.opsForStream()
			.range(streamKey, Range.unbounded())
			.map((entry) -> entry.getId().getValue())
			.collectList()
			.block();
		assertThat(remaining).containsExactly(unrelated.getValue());
		assertThat(rows("profiles")).anySatisfy((row) -> assertThat(row).contains(bystander.toString()));

		this.graphQl.document("""
				query($value: String!) { profileByIdentity(type: EMAIL, value: $value) { id } }""")
			.variable("value", email.toUpperCase(java.util.Locale.ROOT))
			.execute()
			.path("profileByIdentity")
			.valueIsNull();
		this.graphQl.document(ERASE)
			.variable("input", Map.of("profileId", survivor.toString(), "requestedBy", "ticket-4711"))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND")));
	}

	@Test
	void erasingAMergedAwayIdErasesItsSurvivor() {
		UUID survivor = this.fixtures.profile(Fixtures.T0);
		UUID merged = this.fixtures.mergedInto(survivor, "USER_ID", Fixtures.T0);
		StepVerifier.create(this.erasure.erase(merged, "operator", null)).assertNext((receipt) -> {
			assertThat(receipt.profileId()).isEqualTo(survivor);
			assertThat(receipt.deleted()).containsEntry("profiles", 2L).containsEntry("merges", 1L);
			assertThat(receipt.suppressedIdentifiers()).isZero();
		}).verifyComplete();
		StepVerifier.create(this.erasure.erase(survivor, "operator", null))
			.expectError(NotFoundException.class)
			.verify(Duration.ofSeconds(10));
		StepVerifier.create(this.erasure.erase(UUID.randomUUID(), " ", null))
			.expectError(InvalidInputException.class)
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void rejectsBadErasureInputNamingTheField() {
		assertBadInput(Map.of("profileId", "123", "requestedBy", "ops"), "input.profileId");
		assertBadInput(Map.of("profileId", UUID.randomUUID().toString(), "requestedBy", "  "), "input.requestedBy");
		assertBadInput(Map.of("profileId", UUID.randomUUID().toString()), "input.requestedBy");
		this.graphQl.document(ERASE)
			.variable("input", Map.of("profileId", UUID.randomUUID().toString(), "requestedBy", "ops"))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "NOT_FOUND")));
	}

	private void assertBadInput(Map<String, Object> input, String field) {
		this.graphQl.document(ERASE)
			.variable("input", input)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
					.containsEntry("field", field)));
	}

	private RecordId xadd(String key, String message) {
		return Objects
			.requireNonNull(this.redis.opsForStream().add(MapRecord.create(key, Map.of("message", message))).block());
	}

	private List<String> tables() {
		return Objects.requireNonNull(this.database.sql("""
				SELECT table_name FROM information_schema.tables
				WHERE table_schema = 'profile' AND table_type = 'BASE TABLE' ORDER BY 1""")
			.map((row, meta) -> row.get(0, String.class))
			.all()
			.collectList()
			.block());
	}

	private List<String> rows(String table) {
		return new ArrayList<>(
				Objects.requireNonNull(this.database.sql("SELECT t::text FROM profile.\"" + table + "\" t")
					.map((row, meta) -> row.get(0, String.class))
					.all()
					.collectList()
					.block()));
	}

	private static Schema eraseSchema() {
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
			.getSchema(ErasureGraphQlIT.class.getResourceAsStream("/stream/erase.schema.json"));
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
