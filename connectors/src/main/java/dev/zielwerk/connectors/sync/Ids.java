package dev.zielwerk.connectors.sync;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7): ids of rows that are inserted in time order keep the
 * primary-key index compact.
 */
final class Ids {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Ids() {
	}

	static UUID next() {
		long millis = System.currentTimeMillis();
		long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0FFFL);
		long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

}
