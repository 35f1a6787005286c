package dev.zielwerk.connectors.destination.hubspot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationRefusedException;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import dev.zielwerk.connectors.destination.fake.HubSpotFake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class HubSpotListClientIT {

	private static final ResilienceSettings FAST = HubSpotListClient.defaultResilience()
		.withRetry(4, Duration.ofMillis(20), Duration.ofMillis(200));

	private final HubSpotFake fake = new HubSpotFake("pat-eu1-token", "77");

	private final HubSpotListClient client = new HubSpotListClient(
			new HubSpotSettings(Secret.of("pat-eu1-token"), "77", ConsentPurpose.EMAIL_MARKETING, this.fake.url()),
			FAST);

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

	private BatchResult add(List<AudienceMember> members) {
		return this.client.add(members).block(Duration.ofSeconds(20));
	}

	@Test
	void upsertsContactsThenAddsTheirRecordIdsToTheList() {
		assertThat(add(members(3)).accepted()).hasSize(3);
		assertThat(this.fake.contacts()).hasSize(3);
		assertThat(this.fake.listEmails()).containsExactlyInAnyOrder("p0@example.com", "p1@example.com",
				"p2@example.com");
	}

	@Test
	void sendsAtMost100InputsPerBatch() {
		assertThat(add(members(250)).accepted()).hasSize(250);
		assertThat(this.fake.listEmails()).hasSize(250);
		// 3 upserts and 3 membership calls
		assertThat(this.fake.requestCount()).isEqualTo(6);
	}

	@Test
	void removesOnlyKnownContactsAndCreatesNoneForRemoval() {
		add(members(2));
		List<AudienceMember> removal = new ArrayList<>(members(1));
		removal.add(AudienceMember.ofEmail("stranger", "stranger@example.com"));
		assertThat(this.client.remove(removal).block(Duration.ofSeconds(20)).accepted()).hasSize(2);
		assertThat(this.fake.listEmails()).containsExactly("p1@example.com");
		assertThat(this.fake.contacts()).doesNotContainKey("stranger@example.com");
	}

	@Test
	void isolatesAnInvalidAddressThatFailsTheWholeBatch() {
		List<AudienceMember> batch = new ArrayList<>(members(6));
		batch.add(3, AudienceMember.ofEmail("bad", "bad@@example"));
		BatchResult result = add(batch);
		assertThat(result.accepted()).hasSize(6);
		assertThat(result.rejected()).singleElement().satisfies(rejected -> {
			assertThat(rejected.key()).isEqualTo("bad");
			assertThat(rejected.code()).isEqualTo("400");
			assertThat(rejected.reason()).contains("INVALID_EMAIL").doesNotContain("bad@@example");
		});
		assertThat(this.fake.listEmails()).hasSize(6);
	}

	@Test
	void erasesContactsWithTheGdprDelete() {
		add(members(2));
		List<AudienceMember> erased = List.of(members(1).get(0), AudienceMember.ofEmail("x", "unknown@example.com"));
		BatchResult result = this.client.erase(erased).block(Duration.ofSeconds(20));
		assertThat(result.accepted()).hasSize(2);
		assertThat(this.fake.contacts()).containsOnlyKeys("p1@example.com");
		assertThat(this.fake.listEmails()).containsExactly("p1@example.com");
	}

	@Test
	void verifiesTheListTakesMemberships() {
		StepVerifier.create(this.client.verifyAccess()).verifyComplete();
		this.fake.processingType("DYNAMIC");
		StepVerifier.create(this.client.verifyAccess())
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(DestinationRefusedException.class)
				.hasMessageContaining("LIST_NOT_MANUAL"))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void retriesTheBurstLimit() {
		this.fake.enqueue(HubSpotFake.rateLimited(), HubSpotFake.rateLimited());
		assertThat(add(members(2)).accepted()).hasSize(2);
		assertThat(this.fake.listEmails()).hasSize(2);
	}

}
