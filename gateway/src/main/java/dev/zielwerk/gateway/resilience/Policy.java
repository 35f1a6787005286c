package dev.zielwerk.gateway.resilience;

import java.time.Duration;

/**
 * The resilience settings of one subgraph, defaults and overrides resolved.
 *
 * @param timeout longest wait for a subgraph's answer
 * @param failureRateThreshold percentage of failed calls in the window that opens the
 * breaker
 * @param slidingWindow the breaker's time window
 * @param minimumCalls calls in the window before the failure rate counts
 * @param openDuration how long an open breaker refuses calls before it lets a few through
 * @param halfOpenCalls trial calls of a half-open breaker
 * @param maxConcurrentRequests requests to the subgraph in flight at once (bulkhead);
 * more are refused at once
 * @param retryAttempts attempts of a query, the first included (1 = no retry)
 * @param retryBackoff wait before the first retry
 * @param retryMultiplier growth of the wait per retry
 * @param retryJitter randomisation of the wait, 0..1 (0.5 = ±50 %)
 */
public record Policy(Duration timeout, float failureRateThreshold, Duration slidingWindow, int minimumCalls,
		Duration openDuration, int halfOpenCalls, int maxConcurrentRequests, int retryAttempts, Duration retryBackoff,
		double retryMultiplier, double retryJitter) {
}
