package dev.zielwerk.profile.erasure;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What an erasure did: the erased profile (the survivor, when a merged-away id was
 * given), rows deleted per table, how many identifiers were kept as suppression hashes,
 * and how many already relayed stream entries were deleted from the Redis stream.
 */
public record ErasureReceipt(UUID profileId, Instant erasedAt, Map<String, Long> deleted, int suppressedIdentifiers,
		int streamEntriesDeleted) {

	ErasureReceipt withStreamEntriesDeleted(int count) {
		return new ErasureReceipt(this.profileId, this.erasedAt, this.deleted, this.suppressedIdentifiers, count);
	}

}
