package dev.zielwerk.connectors.destination.google;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.DestinationRefusedException;
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import dev.zielwerk.connectors.destination.fake.GoogleAdsFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleCustomerMatchClientIT {

	private static final ResilienceSettings FAST = ResilienceSettings.defaults()
		.withRetry(4, Duration.ofMillis(20), Duration.ofMillis(200));

	private final GoogleAdsFake fake = new GoogleAdsFake("ya29.token", "dev-token", "1234567890", "555");

	private final GoogleCustomerMatchClient client = new GoogleCustomerMatchClient(settings("ya29.token"), FAST);

	private GoogleAdsSettings settings(String token) {
		return new GoogleAdsSettings(Secret.of(token), Secret.of("dev-token"), null, "1234567890", "555", "v20",
				this.fake.url(), Duration.ofMillis(20), Duration.ofSeconds(10));
	}

	@AfterEach
	void close() {
		this.client.close();
		this.fake.close();
	}

	private static List<AudienceMember> members(int count) {
		return IntStream.range(0, count)
			.mapToObj(i -> new AudienceMember("p" + i, " P" + i + "@Example.com", "+1 212 565 000" + i, null, null,
					null, null))
			.toList();
	}

	@Test
	void addsThroughAJobWithGrantedConsentAndReportsTheMatchRate() {
		BatchResult result = this.client.add(members(3)).block(Duration.ofSeconds(20));
		assertThat(result.accepted()).hasSize(3);
		assertThat(result.matchRate()).isEqualTo("MATCH_RANGE_90_TO_100");
		assertThat(this.fake.list()).hasSize(6)
			.contains("hashedEmail:" + Identifiers.sha256Hex("p0@example.com"),
					"hashedPhoneNumber:" + Identifiers.sha256Hex("+12125650000"));
		assertThat(this.fake.jobs()).singleElement().satisfies(job -> {
			assertThat(job.kind()).isEqualTo("create");
			assertThat(job.status()).isEqualTo("SUCCESS");
			assertThat(job.consent()).contains("\"adUserData\":\"GRANTED\"")
				.contains("\"adPersonalization\":\"GRANTED\"");
		});
	}

	@Test
	void removesInASeparateJobWithoutConsent() {
		this.client.add(members(2)).block(Duration.ofSeconds(20));
		assertThat(this.client.remove(members(1)).block(Duration.ofSeconds(20)).accepted()).hasSize(1);
		assertThat(this.fake.list()).containsExactlyInAnyOrder("hashedEmail:" + Identifiers.sha256Hex("p1@example.com"),
				"hashedPhoneNumber:" + Identifiers.sha256Hex("+12125650001"));
		assertThat(this.fake.jobs()).hasSize(2).last().satisfies(job -> {
			assertThat(job.kind()).isEqualTo("remove");
			assertThat(job.consent()).isNull();
		});
	}

	@Test
	void readsPartialFailuresBackToTheMembers() {
		this.fake.reject(Identifiers.sha256Hex("p1@example.com"));
		BatchResult result = this.client.add(members(3)).block(Duration.ofSeconds(20));
		assertThat(result.accepted()).hasSize(2);
		assertThat(result.rejected()).singleElement().satisfies(rejected -> {
			assertThat(rejected.key()).isEqualTo("p1");
			assertThat(rejected.code()).isEqualTo("INVALID_SHA256_FORMAT");
		});
		assertThat(this.fake.jobs().get(0).userDataCount()).isEqualTo(2);
	}

	@Test
	void retriesConcurrentModification() {
		this.fake.enqueue(GoogleAdsFake.concurrentModification());
		assertThat(this.client.add(members(1)).block(Duration.ofSeconds(20)).accepted()).hasSize(1);
		assertThat(this.fake.list()).hasSize(2);
	}

	@Test
	void refusesBadCredentials() {
		try (GoogleCustomerMatchClient wrong = new GoogleCustomerMatchClient(settings("expired"), FAST)) {
			StepVerifier.create(wrong.add(members(1)))
				.expectError(DestinationRefusedException.class)
				.verify(Duration.ofSeconds(10));
			assertThat(this.fake.requestCount()).isEqualTo(1);
		}
	}

	@Test
	void verifiesTheUserListExists() {
		StepVerifier.create(this.client.verifyAccess()).verifyComplete();
		try (GoogleCustomerMatchClient other = new GoogleCustomerMatchClient(
				new GoogleAdsSettings(Secret.of("ya29.token"), Secret.of("dev-token"), null, "1234567890", "556", "v20",
						this.fake.url(), Duration.ofMillis(20), Duration.ofSeconds(10)),
				FAST)) {
			StepVerifier.create(other.verifyAccess())
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(DestinationRefusedException.class)
					.hasMessageContaining("USER_LIST_NOT_FOUND"))
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void splitsLargeUploadsAcrossAddOperationsOfOneJob() {
		BatchResult result = this.client.add(members(GoogleCustomerMatchClient.MEMBERS_PER_REQUEST + 1))
			.block(Duration.ofSeconds(30));
		assertThat(result.accepted()).hasSize(GoogleCustomerMatchClient.MEMBERS_PER_REQUEST + 1);
		assertThat(this.fake.jobs()).singleElement()
			.satisfies(job -> assertThat(job.userDataCount())
				.isEqualTo(GoogleCustomerMatchClient.MEMBERS_PER_REQUEST + 1));
	}

}
