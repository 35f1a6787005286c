package dev.zielwerk.profile.partner;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of partner sharing ({@code zielwerk.profile.partner.*}).
 *
 * @param overlapThreshold k of k-anonymity: an overlap below it is answered
 * {@code BELOW_THRESHOLD}, never with its count
 * @param overlapQueries overlap queries one partner may make per {@code overlapWindow}
 * @param overlapWindow the rate-limit window (fixed, per partner, kept in Redis)
 * @param maxHashes hashed identifiers one overlap query may carry
 * @param maxImportRows rows one trait import may carry
 * @param segmentsUrl segment-service's GraphQL endpoint, where share membership is read
 * @param segmentsTimeout how long a membership read may take before the partner request
 * fails
 * @param redisTimeout how long the rate limiter waits for Redis before refusing
 */
@ConfigurationProperties("zielwerk.profile.partner")
public record PartnerProperties(@DefaultValue("50") int overlapThreshold, @DefaultValue("10") int overlapQueries,
		@DefaultValue("1h") Duration overlapWindow, @DefaultValue("10000") int maxHashes,
		@DefaultValue("1000") int maxImportRows, @DefaultValue("http://127.0.0.1:4002/graphql") URI segmentsUrl,
		@DefaultValue("5s") Duration segmentsTimeout, @DefaultValue("2s") Duration redisTimeout) {

	public PartnerProperties {
		if (overlapThreshold < 1) {
			throw new IllegalArgumentException("zielwerk.profile.partner.overlap-threshold must be at least 1");
		}
		if (overlapQueries < 1) {
			throw new IllegalArgumentException("zielwerk.profile.partner.overlap-queries must be at least 1");
		}
	}

}
