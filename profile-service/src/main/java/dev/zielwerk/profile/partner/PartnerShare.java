package dev.zielwerk.profile.partner;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.profile.identity.IdentityType;
import org.jspecify.annotations.Nullable;

/**
 * A segment shared with a partner, with the identifier types the partner may see (as
 * hashes), whether it may list members or only count overlaps, and when the share ends.
 */
public record PartnerShare(UUID id, String partnerId, String segmentId, List<IdentityType> identifierTypes,
		boolean overlapOnly, Instant expiresAt, Instant createdAt, String createdBy, Instant updatedAt,
		@Nullable Instant revokedAt) {

	public PartnerShare {
		identifierTypes = List.copyOf(identifierTypes);
	}

	public ShareStatus statusAt(Instant now) {
		if (this.revokedAt != null) {
			return ShareStatus.REVOKED;
		}
		return this.expiresAt.isAfter(now) ? ShareStatus.ACTIVE : ShareStatus.EXPIRED;
	}

}
