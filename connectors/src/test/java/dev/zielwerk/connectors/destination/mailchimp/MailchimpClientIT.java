package dev.zielwerk.connectors.destination.mailchimp;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.DestinationRefusedException;
import dev.zielwerk.connectors.destination.RecordOutcome;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import dev.zielwerk.connectors.destination.fake.MailchimpFake;
import dev.zielwerk.connectors.destination.fake.Quirk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class MailchimpClientIT {

	private static final String KEY = "0123456789abcdef0123456789abcdef-us19";

	private static final ResilienceSettings FAST = MailchimpClient.defaultResilience()
		.withRetry(4, Duration.ofMillis(20), Duration.ofMillis(200));

	private final MailchimpFake fake = new MailchimpFake(KEY, "list1", "seg7");

	private final MailchimpClient client = new MailchimpClient(
			new MailchimpSettings(Secret.of(KEY), "list1", "seg7", this.fake.apiUrl()), FAST);

	@AfterEach
	void close() {
		this.client.close();
		this.fake.close();
	}

	private static List<AudienceMember> members(int count) {
		return IntStream.range(0, count)
			.mapToObj(i -> AudienceMember.ofEmail("p" + i, "Person" + i + "@Example.com"))
			.toList();
	}

	private static BatchResult block(reactor.core.publisher.Mono<BatchResult> call) {
		return call.block(Duration.ofSeconds(30));
	}

	@Test
	void subscribesToTheListAndAddsToTheStaticSegment() {
		assertThat(block(this.client.add(members(3))).accepted()).hasSize(3);
		assertThat(this.fake.members()).containsOnly(entry("person0@example.com", "subscribed"),
				entry("person1@example.com", "subscribed"), entry("person2@example.com", "subscribed"));
		assertThat(this.fake.segment()).containsExactlyInAnyOrder("person0@example.com", "person1@example.com",
				"person2@example.com");
	}

	@Test
	void sendsAtMost500MembersPerCall() {
		assertThat(block(this.client.add(members(1_201))).accepted()).hasSize(1_201);
		assertThat(this.fake.largestBatch()).isEqualTo(500);
		assertThat(this.fake.members()).hasSize(1_201);
		// three batch subscribes and three segment calls
		assertThat(this.fake.requestCount()).isEqualTo(6);
	}

	@Test
	void readsPerMemberErrorsFromA200AndKeepsTheAddressOutOfTheReason() {
		List<AudienceMember> batch = List.of(AudienceMember.ofEmail("ok", "ok@example.com"),
				AudienceMember.ofEmail("bad", "not-an-email@nowhere"));
		BatchResult result = block(this.client.add(batch));
		assertThat(result.accepted()).extracting(RecordOutcome::key).containsExactly("ok");
		assertThat(result.rejected()).singleElement().satisfies(rejected -> {
			assertThat(rejected.key()).isEqualTo("bad");
			assertThat(rejected.code()).isEqualTo("ERROR_GENERIC");
			assertThat(rejected.reason()).contains("looks fake or invalid").doesNotContain("not-an-email");
		});
		assertThat(this.fake.requestCount()).isEqualTo(2);
	}

	@Test
	void neverFlipsAnUnsubscribedMemberBackButAsksForConfirmation() {
		this.fake.putMember("left@example.com", "unsubscribed");
		BatchResult result = block(this.client.add(List.of(AudienceMember.ofEmail("left", "left@example.com"))));
		assertThat(result.accepted()).singleElement()
			.satisfies(accepted -> assertThat(accepted.note()).isEqualTo("pending"));
		assertThat(this.fake.members()).containsEntry("left@example.com", "pending");
	}

	@Test
	void rejectsAForgottenAddressWithoutRetrying() {
		this.fake.forget("erased@example.com");
		BatchResult result = block(this.client.add(List.of(AudienceMember.ofEmail("e", "erased@example.com"))));
		assertThat(result.rejected()).singleElement()
			.satisfies(rejected -> assertThat(rejected.reason()).isEqualTo("Forgotten Email Not Subscribed"));
		assertThat(this.fake.requestCount()).isEqualTo(1);
	}

	@Test
	void removesFromTheSegmentButLeavesTheSubscription() {
		block(this.client.add(members(2)));
		assertThat(block(this.client.remove(members(1))).accepted()).hasSize(1);
		assertThat(this.fake.segment()).containsExactly("person1@example.com");
		assertThat(this.fake.members()).containsEntry("person0@example.com", "subscribed");
	}

	@Test
	void unsubscribesWhenSyncingTheListItself() {
		try (MailchimpClient listClient = new MailchimpClient(
				new MailchimpSettings(Secret.of(KEY), "list1", null, this.fake.apiUrl()), FAST)) {
			block(listClient.add(members(2)));
			assertThat(block(listClient.remove(members(1))).accepted()).hasSize(1);
			assertThat(this.fake.members()).containsEntry("person0@example.com", "unsubscribed")
				.containsEntry("person1@example.com", "subscribed");
		}
	}

	@Test
	void erasesPermanentlySoTheAddressCannotBeReImported() {
		block(this.client.add(members(2)));
		List<AudienceMember> erased = List.of(members(1).get(0), AudienceMember.ofEmail("never", "never@example.com"));
		BatchResult result = block(this.client.erase(erased));
		assertThat(result.accepted()).extracting(RecordOutcome.Accepted::note).containsExactly("", "not on list");
		assertThat(this.fake.members()).containsOnlyKeys("person1@example.com");
		assertThat(this.fake.segment()).containsExactly("person1@example.com");
		assertThat(block(this.client.add(members(1))).rejected()).singleElement()
			.satisfies(rejected -> assertThat(rejected.reason()).isEqualTo("Forgotten Email Not Subscribed"));
	}

	@Test
	void treatsA403WithoutBodyAsAThrottle() {
		this.fake.enqueue(Quirk.respond(403, "text/plain", ""));
		assertThat(block(this.client.add(members(1))).accepted()).hasSize(1);
		assertThat(this.fake.members()).hasSize(1);
	}

	@Test
	void refusesAWrongApiKey() {
		try (MailchimpClient wrong = new MailchimpClient(
				new MailchimpSettings(Secret.of("ffff-us19"), "list1", null, this.fake.apiUrl()), FAST)) {
			StepVerifier.create(wrong.add(members(1)))
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(DestinationRefusedException.class)
					.hasMessageContaining("API Key Invalid"))
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void neverOpensMoreThanTenConnections() {
		this.fake.slowDown(Duration.ofMillis(100));
		try (MailchimpClient patient = new MailchimpClient(
				new MailchimpSettings(Secret.of(KEY), "list1", null, this.fake.apiUrl()),
				MailchimpClient.defaultResilience())) {
			List<BatchResult> results = Flux.range(0, 30)
				.flatMap(i -> patient.add(List.of(AudienceMember.ofEmail("p" + i, "p" + i + "@example.com"))), 30)
				.collectList()
				.block(Duration.ofSeconds(60));
			assertThat(results).hasSize(30).allSatisfy(result -> assertThat(result.accepted()).hasSize(1));
			assertThat(this.fake.maxInFlight()).isLessThanOrEqualTo(10);
			assertThat(this.fake.members()).hasSize(30);
		}
	}

	@Test
	void verifiesAccessToTheListAndSegment() {
		StepVerifier.create(this.client.verifyAccess()).verifyComplete();
		try (MailchimpClient unknown = new MailchimpClient(
				new MailchimpSettings(Secret.of(KEY), "list1", "seg8", this.fake.apiUrl()), FAST)) {
			StepVerifier.create(unknown.verifyAccess())
				.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(DestinationRefusedException.class)
					.hasMessageContaining("404"))
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void derivesTheDataCentreFromTheKey() {
		assertThat(new MailchimpSettings(Secret.of(KEY), "l", null, null).resolvedBaseUrl())
			.isEqualTo("https://us19.api.mailchimp.com/3.0");
	}

}
