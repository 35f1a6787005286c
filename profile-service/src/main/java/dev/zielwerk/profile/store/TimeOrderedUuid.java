package dev.zielwerk.profile.store;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids sort by
 * creation time, which keeps B-tree inserts at the right edge of the index.
 */
public final class TimeOrderedUuid {

	private static final SecureRandom RANDOM = new SecureRandom();

	private TimeOrderedUuid() {
	}

	public static UUID next() {
		return at(Instant.now());
	}

	public static UUID at(Instant instant) {
		long millis = instant.toEpochMilli();
		long randA = RANDOM.nextInt(1 << 12);
		long most = (millis << 16) | (0x7L << 12) | randA;
		long least = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

}
