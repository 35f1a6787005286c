package dev.zielwerk.gateway.resilience;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Overrides for one subgraph ({@code zielwerk.gateway.subgraphs.<name>.*}, beside its
 * {@code url} and {@code sdl}); what is not set comes from
 * {@code zielwerk.gateway.resilience.*}.
 *
 * @param timeout see {@link Policy#timeout()}
 * @param failureRateThreshold see {@link Policy}
 * @param slidingWindow see {@link Policy}
 * @param minimumCalls see {@link Policy}
 * @param openDuration see {@link Policy}
 * @param halfOpenCalls see {@link Policy}
 * @param maxConcurrentRequests see {@link Policy}
 * @param retryAttempts see {@link Policy}
 * @param retryBackoff see {@link Policy}
 * @param retryMultiplier see {@link Policy}
 * @param retryJitter see {@link Policy}
 */
public record SubgraphPolicy(@Nullable Duration timeout, @Nullable Float failureRateThreshold,
		@Nullable Duration slidingWindow, @Nullable Integer minimumCalls, @Nullable Duration openDuration,
		@Nullable Integer halfOpenCalls, @Nullable Integer maxConcurrentRequests, @Nullable Integer retryAttempts,
		@Nullable Duration retryBackoff, @Nullable Double retryMultiplier, @Nullable Double retryJitter) {

	Policy over(Policy defaults) {
		return new Policy(or(this.timeout, defaults.timeout()),
				or(this.failureRateThreshold, defaults.failureRateThreshold()),
				or(this.slidingWindow, defaults.slidingWindow()), or(this.minimumCalls, defaults.minimumCalls()),
				or(this.openDuration, defaults.openDuration()), or(this.halfOpenCalls, defaults.halfOpenCalls()),
				or(this.maxConcurrentRequests, defaults.maxConcurrentRequests()),
				or(this.retryAttempts, defaults.retryAttempts()), or(this.retryBackoff, defaults.retryBackoff()),
				or(this.retryMultiplier, defaults.retryMultiplier()), or(this.retryJitter, defaults.retryJitter()));
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

}
