package dev.zielwerk.profile.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration of the outbox relay ({@code zielwerk.profile.relay.*}).
 *
 * @param enabled whether this instance takes part in relaying (stand-by or active); tests
 * that drive relays by hand switch it off
 * @param batchSize most rows appended per Redis script call and per database round trip
 * @param pollInterval how often the active relay looks for rows without a notification;
 * the safety net behind LISTEN/NOTIFY
 * @param dedupTtl how long the per-message de-duplication key of a row that was appended
 * but not yet marked sent lives in Redis; it must outlast the time a crashed relay needs
 * to be replaced
 * @param maxLen approximate length ({@code MAXLEN ~}) the stream is trimmed to
 * @param retention age after which sent rows are deleted from the outbox
 * @param retentionInterval how often the active relay deletes expired rows
 * @param lockRetryInterval how often a stand-by instance tries to become the active one
 */
@ConfigurationProperties("zielwerk.profile.relay")
record RelayProperties(@DefaultValue("true") boolean enabled, @DefaultValue("500") int batchSize,
		@DefaultValue("200ms") Duration pollInterval, @DefaultValue("7d") Duration dedupTtl,
		@DefaultValue("1000000") long maxLen, @DefaultValue("7d") Duration retention,
		@DefaultValue("10m") Duration retentionInterval, @DefaultValue("1s") Duration lockRetryInterval) {

	RelayProperties {
		if (batchSize < 1 || batchSize > 5000) {
			throw new IllegalArgumentException("zielwerk.profile.relay.batch-size must be within 1..5000");
		}
		if (maxLen < 1) {
			throw new IllegalArgumentException("zielwerk.profile.relay.max-len must be positive");
		}
		requirePositive("poll-interval", pollInterval);
		requirePositive("retention-interval", retentionInterval);
		requirePositive("lock-retry-interval", lockRetryInterval);
		requirePositive("retention", retention);
		if (dedupTtl.toSeconds() < 1) {
			throw new IllegalArgumentException("zielwerk.profile.relay.dedup-ttl must be at least one second");
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("zielwerk.profile.relay." + name + " must be positive");
		}
	}

}
