package dev.zielwerk.connectors.destination.meta;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.DestinationRefusedException;
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import dev.zielwerk.connectors.destination.RetryableDestinationException;
import dev.zielwerk.connectors.destination.fake.MetaFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class MetaCustomAudienceClientIT {

	private static final String MARY = "f1904cf1a9d73a55fa5de0ac823c4403ded71afd4c3248d00bdcd0866552bb79";

	private static final ResilienceSettings FAST = ResilienceSettings.defaults()
		.withRetry(4, Duration.ofMillis(20), Duration.ofMillis(200));

	private final MetaFake fake = new MetaFake("EAAB-token", "23850000001");

	private final MetaCustomAudienceClient client = new MetaCustomAudienceClient(
			new MetaSettings(Secret.of("EAAB-token"), "23850000001", "v21.0", this.fake.url()), FAST);

	@AfterEach
	void close() {
		this.client.close();
		this.fake.close();
	}

	private static List<AudienceMember> members(int count) {
		return IntStream.range(0, count)
			.mapToObj(i -> AudienceMember.ofEmail("p" + i, "p" + i + "@example.com"))
			.toList();
	}

	@Test
	void addsNormalisedSha256HashesMatchingMetasVectors() {
		AudienceMember mary = new AudienceMember("mary", " Mary@Example.com ", "+1 555 987 6543", "Mary", "O'Neil",
				"US", "94043-1351");
		BatchResult result = this.client.add(List.of(mary)).block(Duration.ofSeconds(10));
		assertThat(result.accepted()).hasSize(1);
		assertThat(this.fake.emailHashes()).containsExactly(MARY);
		List<String> row = MetaRows.row(mary);
		assertThat(row).containsExactly(MARY, "1ef970831d7963307784fa8688e8fce101a15685d62aa765fed23f3a2c576a4e",
				Identifiers.sha256Hex("mary"), Identifiers.sha256Hex("oneil"), Identifiers.sha256Hex("us"),
				Identifiers.sha256Hex("94043"));
	}

	@Test
	void uploadsLargeAudiencesInOneSessionOf10000RowRequests() {
		BatchResult result = this.client.add(members(20_001)).block(Duration.ofSeconds(60));
		assertThat(result.accepted()).hasSize(20_001);
		assertThat(this.fake.emailHashes()).hasSize(20_001);
		List<Map<String, Object>> sessions = this.fake.sessions();
		assertThat(sessions).hasSize(3);
		assertThat(sessions).extracting(s -> s.get("session_id")).containsOnly(sessions.get(0).get("session_id"));
		assertThat(sessions).extracting(s -> s.get("batch_seq")).containsExactly(1, 2, 3);
		assertThat(sessions).extracting(s -> s.get("last_batch_flag")).containsExactly(false, false, true);
		assertThat(sessions).extracting(s -> s.get("rows")).containsExactly(10_000, 10_000, 1);
	}

	@Test
	void removesWithDelete() {
		this.client.add(members(3)).block(Duration.ofSeconds(10));
		assertThat(this.client.remove(members(2)).block(Duration.ofSeconds(10)).accepted()).hasSize(2);
		assertThat(this.fake.emailHashes()).containsExactly(Identifiers.sha256Hex("p2@example.com"));
	}

	@Test
	void erasesByRemoval() {
		this.client.add(members(2)).block(Duration.ofSeconds(10));
		assertThat(this.client.erase(members(1)).block(Duration.ofSeconds(10)).accepted()).hasSize(1);
		assertThat(this.fake.emailHashes()).containsExactly(Identifiers.sha256Hex("p1@example.com"));
	}

	@Test
	void rejectsRowsMetaSamplesAsInvalidInA200() {
		this.fake.treatAsInvalid(Identifiers.sha256Hex("p1@example.com"));
		BatchResult result = this.client.add(members(3)).block(Duration.ofSeconds(10));
		assertThat(result.accepted()).hasSize(2);
		assertThat(result.rejected()).singleElement().satisfies(rejected -> {
			assertThat(rejected.key()).isEqualTo("p1");
			assertThat(rejected.code()).isEqualTo("INVALID_ENTRY");
		});
		assertThat(this.fake.requestCount()).isEqualTo(1);
	}

	@Test
	void retriesTheCustomAudienceThrottleThatArrivesAsHttp400() {
		this.fake.enqueue(MetaFake.throttled(0));
		assertThat(this.client.add(members(2)).block(Duration.ofSeconds(10)).accepted()).hasSize(2);
		assertThat(this.fake.requestCount()).isEqualTo(2);
	}

	@Test
	void givesUpWhenMetaAsksToWaitLongerThanACallMayWait() {
		this.fake.enqueue(MetaFake.throttled(60));
		StepVerifier.create(this.client.add(members(1)))
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(RetryableDestinationException.class)
				.satisfies(e -> assertThat(((RetryableDestinationException) e).retryAfter())
					.isEqualTo(Duration.ofMinutes(60))))
			.verify(Duration.ofSeconds(10));
		assertThat(this.fake.requestCount()).isEqualTo(1);
	}

	@Test
	void refusesAnInvalidTokenWithoutRetryOrSplit() {
		try (MetaCustomAudienceClient wrong = new MetaCustomAudienceClient(
				new MetaSettings(Secret.of("wrong"), "23850000001", "v21.0", this.fake.url()), FAST)) {
			StepVerifier.create(wrong.add(members(4)))
				.expectError(DestinationRefusedException.class)
				.verify(Duration.ofSeconds(10));
			assertThat(this.fake.requestCount()).isEqualTo(1);
		}
	}

	@Test
	void verifiesThatTheAudienceTakesChanges() {
		StepVerifier.create(this.client.verifyAccess()).verifyComplete();
		this.fake.flag();
		StepVerifier.create(this.client.verifyAccess())
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(DestinationRefusedException.class)
				.hasMessageContaining("471"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void rejectsMembersWithoutAnyIdentifierLocally() {
		BatchResult result = this.client.add(List.of(new AudienceMember("nobody", null, null, null, null, "DE", null)))
			.block(Duration.ofSeconds(10));
		assertThat(result.rejected()).singleElement()
			.satisfies(rejected -> assertThat(rejected.code()).isEqualTo("NO_IDENTIFIER"));
		assertThat(this.fake.requestCount()).isZero();
	}

}
