package dev.zielwerk.connectors.sync;

import java.util.List;

import dev.zielwerk.connectors.destination.AudienceMember;

/**
 * What one chunk of a run sends, and what it saw.
 *
 * @param adds members to add (or re-send with changed identifiers), current identifiers
 * @param removes members to remove, with the identifiers the destination holds
 * @param seen keys of members present in the audience (consented or not)
 * @param eligible members present whose consent covers the destination's purpose
 * @param skippedNoConsent members present without that consent
 */
record ChunkPlan(List<AudienceMember> adds, List<AudienceMember> removes, List<String> seen, int eligible,
		int skippedNoConsent) {

	ChunkPlan {
		adds = List.copyOf(adds);
		removes = List.copyOf(removes);
		seen = List.copyOf(seen);
	}

}
