package dev.zielwerk.connectors.destination;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationResilienceTests {

	private final AtomicInteger attempts = new AtomicInteger();

	private Mono<String> failingFirst(int failures, RuntimeException failure) {
		return Mono.defer(() -> (this.attempts.incrementAndGet() <= failures) ? Mono.error(failure) : Mono.just("ok"));
	}

	@Test
	void waitsTheRetryAfterTheDestinationAskedFor() {
		StepVerifier
			.withVirtualTime(() -> DestinationResilience.of("t", ResilienceSettings.defaults())
				.protect(failingFirst(1,
						new RetryableDestinationException("t", 429, "429", "slow down", Duration.ofSeconds(30)))))
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(29))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(2);
	}

	@Test
	void backsOffExponentiallyWithinTheJitterBounds() {
		// 500 ms, 1 s, 2 s nominal with ±50 % jitter: at least 1.75 s, at most 5.25 s in
		// all
		StepVerifier
			.withVirtualTime(() -> DestinationResilience.of("t", ResilienceSettings.defaults())
				.protect(failingFirst(3, new RetryableDestinationException("t", 503, "503", "down", null))))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1_749))
			.thenAwait(Duration.ofMillis(3_501))
			.expectNext("ok")
			.verifyComplete();
		assertThat(this.attempts).hasValue(4);
	}

	@Test
	void spacesCallsBeyondTheRateLimitIntoTheNextPeriod() {
		DestinationResilience resilience = DestinationResilience.of("t",
				ResilienceSettings.defaults().withRateLimit(2, Duration.ofSeconds(10)));
		StepVerifier.withVirtualTime(() -> Flux.range(0, 3).concatMap(i -> resilience.protect(Mono.just(i))))
			.expectSubscription()
			.expectNext(0, 1)
			.expectNoEvent(Duration.ofSeconds(9))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext(2)
			.verifyComplete();
	}

	@Test
	void keepsEmailAddressesOutOfExceptionMessages() {
		assertThat(new BatchRejectedException("t", 400, "INVALID_EMAIL",
				"{\"message\":\"Email address Jane.Doe@Example.com is invalid\"}"))
			.hasMessageContaining("Email address <email> is invalid")
			.hasMessageNotContaining("Jane.Doe");
	}

	@Test
	void neverRetriesAValidationError() {
		StepVerifier
			.create(DestinationResilience.of("t", ResilienceSettings.defaults())
				.protect(failingFirst(1, new BatchRejectedException("t", 400, "400", "bad"))))
			.expectError(BatchRejectedException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void givesUpAtOnceWhenRetryAfterExceedsTheLongestInCallWait() {
		StepVerifier
			.create(DestinationResilience.of("t", ResilienceSettings.defaults())
				.protect(failingFirst(1,
						new RetryableDestinationException("t", 429, "429", "later", Duration.ofHours(1)))))
			.expectError(RetryableDestinationException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(1);
	}

	@Test
	void validationErrorsDoNotOpenTheBreakerButServerErrorsDo() {
		DestinationResilience resilience = DestinationResilience.of("t",
				ResilienceSettings.defaults()
					.withRetry(1, Duration.ofMillis(1), Duration.ofMillis(1))
					.withBreaker(4, 4, Duration.ofMinutes(1)));
		for (int i = 0; i < 4; i++) {
			StepVerifier.create(resilience.protect(Mono.error(new BatchRejectedException("t", 400, "400", "bad"))))
				.expectError(BatchRejectedException.class)
				.verify(Duration.ofSeconds(5));
		}
		assertThat(resilience.circuitBreaker().getState().name()).isEqualTo("CLOSED");
		// the window now holds 4 successes' worth of calls: 2 server errors of 4 reach 50
		// %
		for (int i = 0; i < 2; i++) {
			StepVerifier
				.create(resilience.protect(Mono.error(new RetryableDestinationException("t", 500, "500", "x", null))))
				.expectError(RetryableDestinationException.class)
				.verify(Duration.ofSeconds(5));
		}
		assertThat(resilience.circuitBreaker().getState().name()).isEqualTo("OPEN");
		StepVerifier.create(resilience.protect(failingFirst(0, new IllegalStateException())))
			.expectError(CallNotPermittedException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(this.attempts).hasValue(0);
	}

}
