package dev.zielwerk.segment.engine;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The time-triggered re-evaluation ({@code zielwerk.segment.scheduler.*}).
 *
 * @param enabled whether this instance runs the periodic claim
 * @param interval how often it looks for due rows
 * @param batchSize profiles claimed per run before yielding to the next tick
 */
@ConfigurationProperties("zielwerk.segment.scheduler")
record SchedulerProperties(@Nullable Boolean enabled, @Nullable Duration interval, @Nullable Integer batchSize) {

	boolean isEnabled() {
		return this.enabled == null || this.enabled;
	}

	Duration tick() {
		return (this.interval != null) ? this.interval : Duration.ofSeconds(1);
	}

	int profilesPerRun() {
		return (this.batchSize != null) ? this.batchSize : 1000;
	}

}
