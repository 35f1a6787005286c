package dev.zielwerk.connectors.destination.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.BatchResult;
import dev.zielwerk.connectors.destination.DestinationRefusedException;
import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import dev.zielwerk.connectors.destination.fake.Quirk;
import dev.zielwerk.connectors.destination.fake.WebhookFake;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookClientIT {

	private static final Secret SECRET = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

	private static final ResilienceSettings FAST = ResilienceSettings.defaults()
		.withRetry(4, Duration.ofMillis(20), Duration.ofMillis(200));

	private final WebhookFake fake = new WebhookFake(SECRET);

	private final WebhookClient client = new WebhookClient(WebhookSettings.of(this.fake.url(), SECRET, "vip"), FAST);

	@AfterEach
	void close() {
		this.client.close();
		this.fake.close();
	}

	private static List<AudienceMember> members(int count) {
		return IntStream.range(0, count)
			.mapToObj(i -> new AudienceMember("p" + i, "Person" + i + "@Example.com", "+4917000000" + i, null, null,
					null, null))
			.toList();
	}

	private BatchResult add(List<AudienceMember> members) {
		return this.client.add(members).block(Duration.ofSeconds(20));
	}

	@Test
	void deliversSignedMinimisedMessagesTheReceiverVerifies() {
		BatchResult result = add(members(3));
		assertThat(result.accepted()).hasSize(3);
		assertThat(this.fake.audience("vip")).containsExactlyInAnyOrder("p0", "p1", "p2");
		String message = this.fake.messages().get(0).toString();
		assertThat(message).contains(Identifiers.sha256Hex("person0@example.com"))
			.contains(Identifiers.sha256Hex("+49170000000"))
			.doesNotContainIgnoringCase("person0@example.com");

		assertThat(this.client.remove(members(1)).block(Duration.ofSeconds(20)).accepted()).hasSize(1);
		assertThat(this.fake.audience("vip")).containsExactlyInAnyOrder("p1", "p2");
	}

	@Test
	void sendsAProfileErasedEventOnErasure() {
		add(members(3));
		assertThat(this.client.erase(members(2)).block(Duration.ofSeconds(20)).accepted()).hasSize(2);
		assertThat(this.fake.audience("vip")).containsExactly("p2");
		assertThat(this.fake.messages()).last()
			.satisfies(message -> assertThat(message.path("type").asString("")).isEqualTo("profile.erased"));
	}

	@Test
	void verifiesAccessWithASignedTestEvent() {
		StepVerifier.create(this.client.verifyAccess()).verifyComplete();
		assertThat(this.fake.messages()).singleElement()
			.satisfies(message -> assertThat(message.path("type").asString("")).isEqualTo("destination.test"));
		try (WebhookClient wrongSecret = new WebhookClient(WebhookSettings.of(this.fake.url(),
				Secret.of("whsec_c2VjcmV0LXRoYXQtaXMtbm90LXRoZS1yaWdodC1vbmU="), "vip"), FAST)) {
			StepVerifier.create(wrongSecret.verifyAccess())
				.expectError(DestinationRefusedException.class)
				.verify(Duration.ofSeconds(10));
		}
	}

	@Test
	void takesAny2xxAsDeliveredWhateverTheBody() {
		this.fake.enqueue(Quirk.respond(202, "text/plain", "OK"));
		assertThat(add(members(2)).accepted()).hasSize(2);
		assertThat(this.fake.requestCount()).isEqualTo(1);
	}

	@Test
	void honoursRetryAfterOnA429() {
		this.fake.enqueue(Quirk.respond(429, Map.of("Retry-After", "1"), "application/json", "{}"));
		assertThat(add(members(1)).accepted()).hasSize(1);
		List<Instant> arrivals = this.fake.arrivals();
		assertThat(arrivals).hasSize(2);
		assertThat(Duration.between(arrivals.get(0), arrivals.get(1))).isBetween(Duration.ofMillis(990),
				Duration.ofSeconds(3));
		assertThat(this.fake.deliveredIds()).hasSize(1);
	}

	@Test
	void retriesA429WithoutRetryAfterWithBackoff() {
		this.fake.enqueue(Quirk.respond(429, "application/json", "{}"));
		assertThat(add(members(1)).accepted()).hasSize(1);
		assertThat(this.fake.requestCount()).isEqualTo(2);
	}

	@Test
	void retriesServerErrorsThenSucceeds() {
		this.fake.enqueue(Quirk.respond(500, "text/plain", "boom"), Quirk.respond(503, "text/plain", ""));
		assertThat(add(members(2)).accepted()).hasSize(2);
		assertThat(this.fake.requestCount()).isEqualTo(3);
		assertThat(this.fake.deliveredIds()).hasSize(1);
	}

	@Test
	void retriesAConnectionReset() {
		this.fake.enqueue(Quirk.reset());
		assertThat(add(members(2)).accepted()).hasSize(2);
		assertThat(this.fake.requestCount()).isGreaterThanOrEqualTo(2);
		assertThat(this.fake.audience("vip")).hasSize(2);
	}

	@Test
	void retriesASlowAnswerThatTimesOut() {
		try (WebhookClient impatient = new WebhookClient(WebhookSettings.of(this.fake.url(), SECRET, "vip"),
				FAST.withTimeout(Duration.ofMillis(300)))) {
			this.fake.enqueue(Quirk.delay(Duration.ofSeconds(2)));
			assertThat(impatient.add(members(1)).block(Duration.ofSeconds(20)).accepted()).hasSize(1);
			assertThat(this.fake.requestCount()).isEqualTo(2);
		}
	}

	@Test
	void doesNotRetryAValidationError() {
		this.fake.rejectKey("p0");
		BatchResult result = add(members(1));
		assertThat(result.rejected()).singleElement().satisfies(rejected -> {
			assertThat(rejected.code()).isEqualTo("400");
			assertThat(rejected.retryable()).isFalse();
		});
		assertThat(this.fake.requestCount()).isEqualTo(1);
	}

	@Test
	void isolatesOneBadRecordBySplittingTheBatch() {
		this.fake.rejectKey("p5");
		BatchResult result = add(members(8));
		assertThat(result.accepted()).hasSize(7);
		assertThat(result.rejected()).singleElement().satisfies(rejected -> assertThat(rejected.key()).isEqualTo("p5"));
		assertThat(this.fake.audience("vip")).hasSize(7).doesNotContain("p5");
	}

	@Test
	void stopsAtA410Gone() {
		this.fake.enqueue(Quirk.respond(410, "text/plain", ""));
		StepVerifier.create(this.client.add(members(1)))
			.expectError(DestinationRefusedException.class)
			.verify(Duration.ofSeconds(10));
		assertThat(this.fake.requestCount()).isEqualTo(1);
	}

	@Test
	void opensTheCircuitAfterFailuresAndThenFailsFast() {
		try (WebhookClient fragile = new WebhookClient(WebhookSettings.of(this.fake.url(), SECRET, "vip"),
				FAST.withRetry(1, Duration.ofMillis(10), Duration.ofMillis(10))
					.withBreaker(4, 4, Duration.ofMinutes(1)))) {
			for (int i = 0; i < 4; i++) {
				this.fake.enqueue(Quirk.respond(503, "text/plain", ""));
				StepVerifier.create(fragile.add(members(1))).expectError().verify(Duration.ofSeconds(10));
			}
			long start = System.nanoTime();
			StepVerifier.create(fragile.add(members(1)))
				.expectError(CallNotPermittedException.class)
				.verify(Duration.ofSeconds(10));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			assertThat(this.fake.requestCount()).isEqualTo(4);
		}
	}

	@Test
	void aSlowDestinationDoesNotDelayAnother() {
		try (WebhookFake slowFake = new WebhookFake(SECRET);
				WebhookClient slow = new WebhookClient(WebhookSettings.of(slowFake.url(), SECRET, "vip"),
						FAST.withConcurrency(2).withTimeout(Duration.ofSeconds(30)))) {
			slowFake.slowDown(Duration.ofSeconds(5));
			IntStream.range(0, 4).forEach(i -> slow.add(members(1)).onErrorResume(ex -> Mono.empty()).subscribe());
			await().atMost(Duration.ofSeconds(5)).until(() -> slowFake.maxInFlight() == 2);
			assertThat(slow.resilience().bulkhead().getMetrics().getAvailableConcurrentCalls()).isZero();

			long start = System.nanoTime();
			assertThat(add(members(3)).accepted()).hasSize(3);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			assertThat(slowFake.maxInFlight()).isEqualTo(2);
		}
	}

}
