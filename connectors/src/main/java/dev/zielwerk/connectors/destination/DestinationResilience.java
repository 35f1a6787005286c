package dev.zielwerk.connectors.destination;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The rate limiter, retry, circuit breaker, bulkhead and timeout of ONE destination,
 * applied with {@code transformDeferred} to each HTTP call at the client edge in
 * Resilience4j's order: Retry(CircuitBreaker(RateLimiter(Timeout(Bulkhead(call))))).
 * <p>
 * Retries happen only for transient failures (429, 5xx, vendor throttle codes, network
 * errors, timeouts), wait at least the destination's {@code Retry-After}, and otherwise
 * back off exponentially with jitter. Validation errors (4xx) are neither retried nor
 * counted against the breaker: they say nothing about the destination's health.
 */
public final class DestinationResilience {

	private final String name;

	private final ResilienceSettings settings;

	private final Bulkhead bulkhead;

	private final RateLimiter rateLimiter;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private DestinationResilience(String name, ResilienceSettings settings) {
		this.name = name;
		this.settings = settings;
		this.bulkhead = Bulkhead.of(name,
				BulkheadConfig.custom()
					.maxConcurrentCalls(settings.maxConcurrentCalls())
					.maxWaitDuration(Duration.ZERO)
					.build());
		this.rateLimiter = RateLimiter.of(name,
				RateLimiterConfig.custom()
					.limitForPeriod(settings.callsPerPeriod())
					.limitRefreshPeriod(settings.period())
					.timeoutDuration(settings.maxRateLimitWait())
					.build());
		this.circuitBreaker = CircuitBreaker.of(name,
				CircuitBreakerConfig.custom()
					.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
					.slidingWindowSize(settings.breakerWindow())
					.minimumNumberOfCalls(settings.breakerMinimumCalls())
					.failureRateThreshold(settings.breakerFailureRate())
					.waitDurationInOpenState(settings.breakerOpenWait())
					.automaticTransitionFromOpenToHalfOpenEnabled(true)
					.permittedNumberOfCallsInHalfOpenState(2)
					.recordException(DestinationResilience::isTransient)
					// a full bulkhead or rate limiter is our own back-pressure, not the
					// destination's health
					.ignoreExceptions(BulkheadFullException.class, RequestNotPermitted.class)
					.build());
		this.retry = Retry.of(name,
				RetryConfig.custom()
					.maxAttempts(settings.maxAttempts())
					.retryOnException(this::isRetryable)
					.intervalBiFunction(this.interval())
					.failAfterMaxAttempts(false)
					.build());
	}

	/**
	 * New, independent instances for one destination.
	 * @param name the destination's name, used in metrics and errors
	 * @param settings its limits
	 * @return the resilience set
	 */
	public static DestinationResilience of(String name, ResilienceSettings settings) {
		return new DestinationResilience(name, settings);
	}

	/**
	 * Protects one HTTP call. The call must be lazy (built in {@code Mono.defer}) so each
	 * retry sends a fresh request.
	 * @param <T> the result type
	 * @param call the call
	 * @return the protected call
	 */
	public <T> Mono<T> protect(Mono<T> call) {
		return call.transformDeferred(BulkheadOperator.of(this.bulkhead))
			.timeout(this.settings.callTimeout())
			.transformDeferred(RateLimiterOperator.of(this.rateLimiter))
			.transformDeferred(CircuitBreakerOperator.of(this.circuitBreaker))
			.transformDeferred(RetryOperator.of(this.retry));
	}

	public String name() {
		return this.name;
	}

	public ResilienceSettings settings() {
		return this.settings;
	}

	public CircuitBreaker circuitBreaker() {
		return this.circuitBreaker;
	}

	public Bulkhead bulkhead() {
		return this.bulkhead;
	}

	/**
	 * Whether a failure says the destination is unwell (throttled, erroring,
	 * unreachable).
	 * @param failure the failure
	 * @return {@code true} for transient failures
	 */
	public static boolean isTransient(Throwable failure) {
		return failure instanceof RetryableDestinationException || failure instanceof WebClientRequestException
				|| failure instanceof TimeoutException || failure instanceof IOException
				|| failure.getCause() instanceof IOException;
	}

	private boolean isRetryable(Throwable failure) {
		if (failure instanceof RetryableDestinationException retryable && retryable.retryAfter() != null
				&& retryable.retryAfter().compareTo(this.settings.maxRetryAfter()) > 0) {
			return false;
		}
		// a full bulkhead or an exhausted rate limiter clears with time, like a 429
		return isTransient(failure) || failure instanceof BulkheadFullException
				|| failure instanceof RequestNotPermitted;
	}

	private IntervalBiFunction<Object> interval() {
		return (attempt, outcome) -> {
			long backoff = jittered(attempt);
			if (outcome.isLeft() && outcome.getLeft() instanceof RetryableDestinationException retryable
					&& retryable.retryAfter() != null) {
				return Math.max(backoff, retryable.retryAfter().toMillis());
			}
			return backoff;
		};
	}

	private long jittered(int attempt) {
		double base = this.settings.initialBackoff().toMillis()
				* Math.pow(this.settings.backoffMultiplier(), Math.max(0, attempt - 1));
		double capped = Math.min(base, this.settings.maxBackoff().toMillis());
		double factor = 1 - this.settings.jitter()
				+ ThreadLocalRandom.current().nextDouble() * 2 * this.settings.jitter();
		return Math.max(1, Math.round(capped * factor));
	}

}
