package dev.zielwerk.connectors.destination;

import java.time.Duration;

/**
 * How hard Zielwerk may push one destination and how it backs off. Every destination gets
 * its own instances built from its own settings, so one slow or failing destination never
 * stalls another.
 *
 * @param maxConcurrentCalls calls in flight at once (bulkhead and connection pool size);
 * Mailchimp allows 10 connections per user
 * @param callsPerPeriod rate limit: calls allowed per {@code period}
 * @param period rate-limit refresh period
 * @param maxRateLimitWait longest wait for a rate-limit permit before the call fails
 * @param callTimeout timeout of one HTTP call
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff wait before the first retry
 * @param backoffMultiplier growth of the wait per attempt
 * @param maxBackoff cap on the computed wait
 * @param jitter randomisation factor in [0, 1): the wait varies by this fraction either
 * way
 * @param maxRetryAfter longest {@code Retry-After} honoured in-call; a longer one fails
 * the call so the run resumes from its checkpoint later
 * @param breakerMinimumCalls calls before the breaker may judge the failure rate
 * @param breakerWindow size of the count-based window
 * @param breakerFailureRate failure percentage that opens the breaker
 * @param breakerOpenWait time the breaker stays open before half-opening
 */
public record ResilienceSettings(int maxConcurrentCalls, int callsPerPeriod, Duration period, Duration maxRateLimitWait,
		Duration callTimeout, int maxAttempts, Duration initialBackoff, double backoffMultiplier, Duration maxBackoff,
		double jitter, Duration maxRetryAfter, int breakerMinimumCalls, int breakerWindow, float breakerFailureRate,
		Duration breakerOpenWait) {

	/**
	 * Defaults fit for most destinations: 10 concurrent calls, 50 calls per second, 30 s
	 * timeout, 5 attempts from 500 ms doubling to 30 s with 50 % jitter, Retry-After up
	 * to 2 min, breaker at 50 % of 20 calls for 30 s.
	 * @return the defaults
	 */
	public static ResilienceSettings defaults() {
		return new ResilienceSettings(10, 50, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30), 5,
				Duration.ofMillis(500), 2.0, Duration.ofSeconds(30), 0.5, Duration.ofMinutes(2), 20, 20, 50f,
				Duration.ofSeconds(30));
	}

	public ResilienceSettings withConcurrency(int maxConcurrentCalls) {
		return new ResilienceSettings(maxConcurrentCalls, this.callsPerPeriod, this.period, this.maxRateLimitWait,
				this.callTimeout, this.maxAttempts, this.initialBackoff, this.backoffMultiplier, this.maxBackoff,
				this.jitter, this.maxRetryAfter, this.breakerMinimumCalls, this.breakerWindow, this.breakerFailureRate,
				this.breakerOpenWait);
	}

	public ResilienceSettings withRateLimit(int callsPerPeriod, Duration period) {
		return new ResilienceSettings(this.maxConcurrentCalls, callsPerPeriod, period, this.maxRateLimitWait,
				this.callTimeout, this.maxAttempts, this.initialBackoff, this.backoffMultiplier, this.maxBackoff,
				this.jitter, this.maxRetryAfter, this.breakerMinimumCalls, this.breakerWindow, this.breakerFailureRate,
				this.breakerOpenWait);
	}

	public ResilienceSettings withTimeout(Duration callTimeout) {
		return new ResilienceSettings(this.maxConcurrentCalls, this.callsPerPeriod, this.period, this.maxRateLimitWait,
				callTimeout, this.maxAttempts, this.initialBackoff, this.backoffMultiplier, this.maxBackoff,
				this.jitter, this.maxRetryAfter, this.breakerMinimumCalls, this.breakerWindow, this.breakerFailureRate,
				this.breakerOpenWait);
	}

	public ResilienceSettings withRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
		return new ResilienceSettings(this.maxConcurrentCalls, this.callsPerPeriod, this.period, this.maxRateLimitWait,
				this.callTimeout, maxAttempts, initialBackoff, this.backoffMultiplier, maxBackoff, this.jitter,
				this.maxRetryAfter, this.breakerMinimumCalls, this.breakerWindow, this.breakerFailureRate,
				this.breakerOpenWait);
	}

	public ResilienceSettings withBreaker(int minimumCalls, int window, Duration openWait) {
		return new ResilienceSettings(this.maxConcurrentCalls, this.callsPerPeriod, this.period, this.maxRateLimitWait,
				this.callTimeout, this.maxAttempts, this.initialBackoff, this.backoffMultiplier, this.maxBackoff,
				this.jitter, this.maxRetryAfter, minimumCalls, window, this.breakerFailureRate, openWait);
	}

}
