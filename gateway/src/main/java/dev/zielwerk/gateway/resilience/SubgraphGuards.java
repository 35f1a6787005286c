package dev.zielwerk.gateway.resilience;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

/**
 * The Resilience4j breaker, bulkhead and retry of each subgraph, made on first use from
 * its {@link Policy} and kept by subgraph name (so they survive supergraph reloads). The
 * registries are public for metrics.
 */
public final class SubgraphGuards {

	private final Function<String, Policy> policies;

	private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();

	private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

	private final RetryRegistry retries = RetryRegistry.ofDefaults();

	private final Map<String, Guard> guards = new ConcurrentHashMap<>();

	/**
	 * One subgraph's guards.
	 *
	 * @param policy its settings
	 * @param circuitBreaker its breaker
	 * @param bulkhead its concurrency limit
	 * @param retry its retry (queries only)
	 */
	record Guard(Policy policy, CircuitBreaker circuitBreaker, Bulkhead bulkhead, Retry retry) {
	}

	/**
	 * Creates the guards.
	 * @param policies the policy of a subgraph by name
	 */
	public SubgraphGuards(Function<String, Policy> policies) {
		this.policies = policies;
	}

	Guard of(String subgraph) {
		return this.guards.computeIfAbsent(subgraph, this::create);
	}

	private Guard create(String subgraph) {
		Policy policy = this.policies.apply(subgraph);
		CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
			.slidingWindowSize((int) Math.max(1, policy.slidingWindow().toSeconds()))
			.minimumNumberOfCalls(policy.minimumCalls())
			.failureRateThreshold(policy.failureRateThreshold())
			// a call as slow as the timeout is a failure even when it just made it
			.slowCallDurationThreshold(policy.timeout())
			.slowCallRateThreshold(policy.failureRateThreshold())
			.waitDurationInOpenState(policy.openDuration())
			.permittedNumberOfCallsInHalfOpenState(policy.halfOpenCalls())
			// refusals of our own bulkhead say nothing about the subgraph's health
			.ignoreExceptions(BulkheadFullException.class)
			.build();
		// a semaphore bulkhead that never waits: waiting would block a Reactor thread
		BulkheadConfig bulkhead = BulkheadConfig.custom()
			.maxConcurrentCalls(policy.maxConcurrentRequests())
			.maxWaitDuration(Duration.ZERO)
			.build();
		RetryConfig retry = RetryConfig.custom()
			.maxAttempts(Math.max(1, policy.retryAttempts()))
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(policy.retryBackoff(),
					policy.retryMultiplier(), policy.retryJitter()))
			.retryOnException(SubgraphGuards::retryable)
			.build();
		return new Guard(policy, this.circuitBreakers.circuitBreaker(subgraph, breaker),
				this.bulkheads.bulkhead(subgraph, bulkhead), this.retries.retry(subgraph, retry));
	}

	/**
	 * Worth another try: the connection failed or the subgraph said it is overloaded or
	 * restarting. Not a timeout (that would double the wait), not our own refusals.
	 */
	static boolean retryable(Throwable ex) {
		if (ex instanceof HttpStatusFailure failure) {
			return failure.status() == 502 || failure.status() == 503 || failure.status() == 504;
		}
		return ex instanceof IOException;
	}

	public CircuitBreakerRegistry circuitBreakers() {
		return this.circuitBreakers;
	}

	public BulkheadRegistry bulkheads() {
		return this.bulkheads;
	}

	public RetryRegistry retries() {
		return this.retries;
	}

}
