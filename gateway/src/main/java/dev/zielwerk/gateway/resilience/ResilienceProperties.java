package dev.zielwerk.gateway.resilience;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resilience defaults for every subgraph ({@code zielwerk.gateway.resilience.*}); each
 * can be overridden per subgraph under {@code zielwerk.gateway.subgraphs.<name>.*} with
 * the same name ({@link SubgraphPolicy}). See {@link Policy} for what each one means.
 *
 * @param enabled whether subgraph calls are guarded at all
 * @param timeout defaults to {@code zielwerk.gateway.subgraph-timeout}
 * @param failureRateThreshold percent
 * @param slidingWindow time window of the breaker
 * @param minimumCalls calls before the rate counts
 * @param openDuration open time before trial calls
 * @param halfOpenCalls trial calls
 * @param maxConcurrentRequests bulkhead size
 * @param retryAttempts attempts of a query (first included)
 * @param retryBackoff first wait
 * @param retryMultiplier growth per retry
 * @param retryJitter randomisation 0..1
 */
@ConfigurationProperties("zielwerk.gateway.resilience")
public record ResilienceProperties(@DefaultValue("true") boolean enabled, @Nullable Duration timeout,
		@DefaultValue("50") float failureRateThreshold, @DefaultValue("10s") Duration slidingWindow,
		@DefaultValue("20") int minimumCalls, @DefaultValue("5s") Duration openDuration,
		@DefaultValue("5") int halfOpenCalls, @DefaultValue("256") int maxConcurrentRequests,
		@DefaultValue("2") int retryAttempts, @DefaultValue("50ms") Duration retryBackoff,
		@DefaultValue("2.0") double retryMultiplier, @DefaultValue("0.5") double retryJitter) {

	Policy defaults(Duration subgraphTimeout) {
		return new Policy((this.timeout != null) ? this.timeout : subgraphTimeout, this.failureRateThreshold,
				this.slidingWindow, this.minimumCalls, this.openDuration, this.halfOpenCalls,
				this.maxConcurrentRequests, this.retryAttempts, this.retryBackoff, this.retryMultiplier,
				this.retryJitter);
	}

}
