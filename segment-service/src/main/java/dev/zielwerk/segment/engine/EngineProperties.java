package dev.zielwerk.segment.engine;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The stream consumer ({@code zielwerk.segment.engine.*}).
 *
 * @param enabled whether this instance consumes the stream
 * @param group the consumer group shared by every instance
 * @param consumer this instance's name in the group; a random one when not set
 * @param batchSize messages per read
 * @param block how long a read waits on an idle stream
 * @param concurrency how many profiles' messages are applied at once
 * @param claimIdle how long another consumer's entry may stay unacknowledged before this
 * one claims it
 */
@ConfigurationProperties("zielwerk.segment.engine")
record EngineProperties(@Nullable Boolean enabled, @Nullable String group, @Nullable String consumer,
		@Nullable Integer batchSize, @Nullable Duration block, @Nullable Integer concurrency,
		@Nullable Duration claimIdle) {

	boolean isEnabled() {
		return this.enabled == null || this.enabled;
	}

	String groupName() {
		return (this.group != null) ? this.group : "segment-service";
	}

	int readCount() {
		return (this.batchSize != null) ? this.batchSize : 500;
	}

	int workers() {
		return (this.concurrency != null) ? this.concurrency : 8;
	}

	Duration claimAfter() {
		return (this.claimIdle != null) ? this.claimIdle : Duration.ofMinutes(1);
	}

	Duration readBlock() {
		return (this.block != null) ? this.block : Duration.ofMillis(500);
	}

}
