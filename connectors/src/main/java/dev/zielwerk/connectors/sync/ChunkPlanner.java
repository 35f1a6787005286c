package dev.zielwerk.connectors.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.ConsentPurpose;

/**
 * The diff of one chunk of a run: the members present in the audience, the members known
 * to be absent from it, and what the destination has. Consent is judged here, at send
 * time: a member without it who is at the destination is removed in every mode.
 */
final class ChunkPlanner {

	private final SyncMode mode;

	private final ConsentPurpose purpose;

	ChunkPlanner(SyncMode mode, ConsentPurpose purpose) {
		this.mode = mode;
		this.purpose = purpose;
	}

	/**
	 * Plans one chunk.
	 * @param present members in the audience now
	 * @param absent keys known to have left the audience (a real-time run's profiles that
	 * are no longer members, or a mirror run's leavers)
	 * @param withdrawn absent keys whose consent was withdrawn: removed in every mode
	 * @param synced the destination's state for the keys involved
	 * @param held opens the identifiers the destination holds for a member
	 * @return the plan
	 */
	ChunkPlan plan(List<AudienceEntry> present, Collection<String> absent, Set<String> withdrawn,
			Map<String, SyncedState> synced, Function<SyncedState, AudienceMember> held) {
		List<AudienceMember> adds = new ArrayList<>();
		List<AudienceMember> removes = new ArrayList<>();
		List<String> seen = new ArrayList<>(present.size());
		int eligible = 0;
		int skipped = 0;
		for (AudienceEntry entry : present) {
			AudienceMember member = entry.member();
			SyncedState state = synced.get(member.key());
			seen.add(member.key());
			if (entry.consentsTo(this.purpose)) {
				eligible++;
				if (state == null || !state.in()) {
					adds.add(member);
				}
				else if (this.mode != SyncMode.ADD_ONLY && !state.identifiersHash().equals(MemberVault.hash(member))) {
					adds.add(member);
				}
			}
			else {
				skipped++;
				if (state != null && state.in()) {
					removes.add(held.apply(state));
				}
			}
		}
		for (String key : absent) {
			SyncedState state = synced.get(key);
			if (state != null && state.in() && (this.mode == SyncMode.MIRROR || withdrawn.contains(key))) {
				removes.add(held.apply(state));
			}
		}
		return new ChunkPlan(adds, removes, seen, eligible, skipped);
	}

}
