package dev.zielwerk.connectors.sync;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this instance runs syncs.
 *
 * @param workersEnabled whether this instance claims and runs sync runs
 * @param workerId this instance's lease owner name; a random one when not set
 * @param concurrency runs this instance executes at once
 * @param pollInterval how often an idle worker looks for a claimable run
 * @param lease how long a claimed run stays with its worker without a heartbeat
 * @param heartbeat how often a running worker extends its lease
 * @param pageSize members read per page, capped at the destination's batch size
 * @param maxAttempts claims of a run before a failing destination fails it
 * @param retryDelay how long a run waits after a destination failure before it is resumed
 * @param schedulerInterval how often cron syncs are checked for due runs
 * @param realTimeWindow longest wait before membership changes become a run
 * @param realTimeMaxChanges changes that make a run without waiting for the window
 * @param realTimeReconcile how often a real-time sync also gets a full run, which repairs
 * changes lost while no instance listened
 * @param streamClaimIdle how long a profile-stream message may stay pending with another
 * consumer (a dead instance) before this one claims it
 */
@ConfigurationProperties("zielwerk.connectors.sync")
public record SyncProperties(@DefaultValue("true") boolean workersEnabled, @Nullable String workerId,
		@DefaultValue("4") int concurrency, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("30s") Duration lease, @DefaultValue("10s") Duration heartbeat, @DefaultValue("500") int pageSize,
		@DefaultValue("5") int maxAttempts, @DefaultValue("30s") Duration retryDelay,
		@DefaultValue("10s") Duration schedulerInterval, @DefaultValue("1s") Duration realTimeWindow,
		@DefaultValue("500") int realTimeMaxChanges, @DefaultValue("1h") Duration realTimeReconcile,
		@DefaultValue("2m") Duration streamClaimIdle) {

}
