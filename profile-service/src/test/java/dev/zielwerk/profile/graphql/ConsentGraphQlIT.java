package dev.zielwerk.profile.graphql;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.testsupport.ZielwerkTestProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsentGraphQlIT {

	private static final String SET_CONSENT = """
			mutation($input: SetConsentInput!) { setConsent(input: $input) {
			  purpose status source occurredAt expiresAt effective } }""";

	private static final String HISTORY = """
			query($id: ID!, $purpose: ConsentPurpose) { profile(id: $id) {
			  consent { purpose status effective }
			  consentHistory(purpose: $purpose) { purpose status source occurredAt expiresAt } } }""";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ZielwerkTestProperties.register(registry, ConsentGraphQlIT.class);
	}

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient database;

	HttpGraphQlTester graphQl;

	Fixtures fixtures;

	@BeforeEach
	void setUp() {
		this.graphQl = HttpGraphQlTester
			.create(WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port + "/graphql").build());
		this.fixtures = new Fixtures(this.database);
	}

	@Test
	void grantsAndWithdrawsConsentAndKeepsTheHistoryNewestFirst() {
		UUID id = this.fixtures.profile(Fixtures.T0);
		this.graphQl.document(SET_CONSENT)
			.variable("input",
					Map.of("profileId", id.toString(), "purpose", "EMAIL_MARKETING", "status", "GRANTED", "occurredAt",
							"2026-02-01T10:00:00Z"))
			.execute()
			.path("setConsent")
			.entity(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.satisfies((consent) -> assertThat(consent).containsEntry("purpose", "EMAIL_MARKETING")
				.containsEntry("status", "GRANTED")
				.containsEntry("source", "API")
				.containsEntry("occurredAt", "2026-02-01T10:00:00Z")
				.containsEntry("expiresAt", null)
				.containsEntry("effective", true));
		this.graphQl.document(SET_CONSENT)
			.variable("input",
					Map.of("profileId", id.toString(), "purpose", "EMAIL_MARKETING", "status", "WITHDRAWN", "source",
							"ZERO_PARTY_FORM", "occurredAt", "2026-02-02T10:00:00Z"))
			.execute()
			.path("setConsent.status")
			.entity(String.class)
			.isEqualTo("WITHDRAWN")
			.path("setConsent.effective")
			.entity(Boolean.class)
			.isEqualTo(false);
		this.graphQl.document(SET_CONSENT)
			.variable("input", Map.of("profileId", id.toString(), "purpose", "ANALYTICS", "status", "DENIED"))
			.execute()
			.path("setConsent.status")
			.entity(String.class)
			.isEqualTo("DENIED");
		this.graphQl.document(HISTORY)
			.variable("id", id.toString())
			.variable("purpose", "EMAIL_MARKETING")
			.execute()
			.path("profile.consentHistory[*].status")
			.entityList(String.class)
			.containsExactly("WITHDRAWN", "GRANTED")
			.path("profile.consentHistory[0].source")
			.entity(String.class)
			.isEqualTo("ZERO_PARTY_FORM")
			.path("profile.consent[*].purpose")
			.entityList(String.class)
			.containsExactly("ANALYTICS", "EMAIL_MARKETING");
		this.graphQl.document(HISTORY)
			.variable("id", id.toString())
			.execute()
			.path("profile.consentHistory")
			.entityList(Object.class)
			.hasSize(3);
		Long messages = this.database.sql("SELECT count(*) FROM outbox WHERE profile_id = $1 AND type = 'consent'")
			.bind(0, id)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
		assertThat(messages).isEqualTo(3);
	}

	@Test
	void keepsTheNewerDecisionWhenAnOlderOneArrivesLate() {
		UUID id = this.fixtures.profile(Fixtures.T0);
		this.graphQl.document(SET_CONSENT)
			.variable("input",
					Map.of("profileId", id.toString(), "purpose", "ADVERTISING", "status", "WITHDRAWN", "occurredAt",
							"2026-02-02T10:00:00Z"))
			.execute()
			.path("setConsent.status")
			.entity(String.class)
			.isEqualTo("WITHDRAWN");
		this.graphQl.document(SET_CONSENT)
			.variable("input",
					Map.of("profileId", id.toString(), "purpose", "ADVERTISING", "status", "GRANTED", "occurredAt",
							"2026-02-01T10:00:00Z"))
			.execute()
			.path("setConsent.status")
			.entity(String.class)
			.isEqualTo("WITHDRAWN");
	}

	@Test
	void aGrantIsNoLongerEffectiveOnceItExpired() {
		UUID id = this.fixtures.profile(Fixtures.T0);
		Instant occurred = Instant.now().minus(Duration.ofDays(2));
		this.graphQl.document(SET_CONSENT)
			.variable("input",
					Map.of("profileId", id.toString(), "purpose", "PERSONALIZATION", "status", "GRANTED", "occurredAt",
							occurred.toString(), "expiresAt", occurred.plus(Duration.ofDays(1)).toString()))
			.execute()
			.path("setConsent.effective")
			.entity(Boolean.class)
			.isEqualTo(false);
		this.graphQl.document(SET_CONSENT)
			.variable("input",
					Map.of("profileId", id.toString(), "purpose", "PERSONALIZATION", "status", "GRANTED", "expiresAt",
							Instant.now().plus(Duration.ofDays(30)).toString()))
			.execute()
			.path("setConsent.effective")
			.entity(Boolean.class)
			.isEqualTo(true);
	}

	@Test
	void rejectsBadConsentInputNamingTheField() {
		UUID id = this.fixtures.profile(Fixtures.T0);
		assertError(
				Map.of("profileId", id.toString(), "purpose", "ANALYTICS", "status", "GRANTED", "occurredAt",
						"2026-02-01T10:00:00Z", "expiresAt", "2026-02-01T09:00:00Z"),
				"BAD_USER_INPUT", "input.expiresAt");
		assertError(Map.of("profileId", "nope", "purpose", "ANALYTICS", "status", "GRANTED"), "BAD_USER_INPUT",
				"input.profileId");
		assertError(Map.of("profileId", UUID.randomUUID().toString(), "purpose", "ANALYTICS", "status", "GRANTED"),
				"NOT_FOUND", null);
		assertError(Map.of("profileId", id.toString(), "purpose", "ANALYTICS", "status", "GRANTED", "expiresAt",
				"next tuesday"), "BAD_USER_INPUT", "input.expiresAt");
		assertError(Map.of("profileId", id.toString(), "purpose", "ANALYTICS"), "BAD_USER_INPUT", "input.status");
		this.graphQl.document("""
				mutation { setConsent(input: {profileId: "%s", purpose: ANALYTICS, status: GRANTED,
				  occurredAt: "yesterday"}) { status } }""".formatted(id))
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT")
					.containsEntry("field", "input.occurredAt")));
	}

	private void assertError(Map<String, Object> input, String code, String field) {
		this.graphQl.document(SET_CONSENT)
			.variable("input", input)
			.execute()
			.errors()
			.satisfy((errors) -> assertThat(errors).singleElement().satisfies((error) -> {
				assertThat(error.getExtensions()).as(error.getMessage()).containsEntry("code", code);
				if (field != null) {
					assertThat(error.getExtensions()).as(error.getMessage()).containsEntry("field", field);
				}
			}));
	}

}
