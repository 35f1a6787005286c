package dev.zielwerk.profile.identity;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What resolving one batch decided, before it is written: profile per message (final,
 * after all merges), new profiles, merges in order, new identity links and conflicts.
 */
record ResolutionPlan(List<UUID> profileOfMessage, List<UUID> newProfiles, List<Merge> merges, List<Link> links,
		List<Conflict> conflicts) {

	record Merge(UUID survivor, UUID merged, IdentityType identityType) {
	}

	record Link(Identifier identifier, UUID profileId) {
	}

	record Conflict(UUID profileId, @Nullable UUID otherProfileId, Identifier identifier, String reason) {
	}

}
