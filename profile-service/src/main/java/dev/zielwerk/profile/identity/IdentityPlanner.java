package dev.zielwerk.profile.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.zielwerk.profile.identity.ResolutionPlan.Conflict;
import dev.zielwerk.profile.identity.ResolutionPlan.Link;
import dev.zielwerk.profile.identity.ResolutionPlan.Merge;
import org.jspecify.annotations.Nullable;

/**
 * Resolves the messages of one batch in memory, in message order, against what the
 * database knows (owners of the identifiers, identifier counts and age of the owning
 * profiles). Pure, so the rules are unit-tested without a database:
 * <ul>
 * <li>no identifier known: a new profile takes all of them;</li>
 * <li>identifiers of several profiles: the one with the highest-priority matching
 * identifier survives (tie: the oldest) and the others merge into it, unless the merge
 * would exceed a per-type limit, which is recorded as a conflict instead;</li>
 * <li>an unknown identifier that would exceed a limit of the profile is a conflict; when
 * it outranks everything that matched (a second user id on a shared device) the message
 * belongs to someone else and gets a new profile.</li>
 * </ul>
 */
final class IdentityPlanner {

	private final IdentityProperties properties;

	private final Supplier<UUID> ids;

	private final Map<Identifier, UUID> owners;

	private final Map<UUID, Instant> createdAt;

	private final Map<UUID, Map<IdentityType, Integer>> counts;

	private final Map<UUID, UUID> mergedInto = new HashMap<>();

	private final List<UUID> newProfiles = new ArrayList<>();

	private final List<Merge> merges = new ArrayList<>();

	private final Map<Identifier, UUID> links = new LinkedHashMap<>();

	private final Set<Conflict> conflicts = new LinkedHashSet<>();

	IdentityPlanner(IdentityProperties properties, Supplier<UUID> ids, Map<Identifier, UUID> owners,
			Map<UUID, Instant> createdAt, Map<UUID, Map<IdentityType, Integer>> counts) {
		this.properties = properties;
		this.ids = ids;
		this.owners = new HashMap<>(owners);
		this.createdAt = new HashMap<>(createdAt);
		this.counts = new HashMap<>();
		counts.forEach((profile, byType) -> this.counts.put(profile, new EnumMap<>(byType)));
	}

	ResolutionPlan plan(List<List<Claim>> messages) {
		List<UUID> attached = new ArrayList<>(messages.size());
		for (List<Claim> claims : messages) {
			attached.add(resolve(claims));
		}
		List<UUID> finalProfiles = attached.stream().map(this::find).toList();
		List<Link> finalLinks = new ArrayList<>();
		this.links.forEach((identifier, profile) -> finalLinks.add(new Link(identifier, find(profile))));
		List<Conflict> finalConflicts = new ArrayList<>(new LinkedHashSet<>(this.conflicts.stream()
			.map((c) -> new Conflict(find(c.profileId()),
					(c.otherProfileId() != null) ? find(c.otherProfileId()) : null, c.identifier(), c.reason()))
			.toList()));
		return new ResolutionPlan(finalProfiles, List.copyOf(this.newProfiles), List.copyOf(this.merges), finalLinks,
				finalConflicts);
	}

	private UUID resolve(List<Claim> claims) {
		Map<UUID, Claim> bestClaimOf = new LinkedHashMap<>();
		List<Claim> unknown = new ArrayList<>();
		for (Claim claim : claims) {
			UUID owner = this.owners.get(claim.identifier());
			if (owner == null) {
				if (claim.linkable()) {
					unknown.add(claim);
				}
				continue;
			}
			UUID profile = find(owner);
			Claim best = bestClaimOf.get(profile);
			if (best == null || rank(claim) < rank(best)) {
				bestClaimOf.put(profile, claim);
			}
		}
		unknown.sort(Comparator.comparingInt(this::rank));
		if (bestClaimOf.isEmpty()) {
			return linkAll(newProfile(), unknown);
		}
		List<UUID> ranked = new ArrayList<>(bestClaimOf.keySet());
		ranked.sort(Comparator.<UUID>comparingInt((profile) -> rank(bestClaimOf.get(profile)))
			.thenComparing((profile) -> this.createdAt.getOrDefault(profile, Instant.MAX))
			.thenComparing(Comparator.naturalOrder()));
		UUID survivor = ranked.get(0);
		Claim survivorClaim = bestClaimOf.get(survivor);
		if (survivorClaim == null) {
			throw new IllegalStateException("ranked profiles come from the claims");
		}
		if (!unknown.isEmpty() && rank(unknown.get(0)) < rank(survivorClaim) && !fits(survivor, unknown.get(0))) {
			// e.g. a second user id on a device known for another user: a different
			// person
			Claim stranger = unknown.get(0);
			UUID other = newProfile();
			conflict(survivor, other, stranger.identifier(), exceeds(survivor, stranger.identifier().type(), 1));
			return linkAll(other, unknown);
		}
		for (UUID other : ranked.subList(1, ranked.size())) {
			Claim link = bestClaimOf.get(other);
			if (link == null) {
				continue;
			}
			String blocked = mergeBlocker(survivor, other);
			if (blocked != null) {
				conflict(survivor, other, link.identifier(), blocked);
			}
			else {
				merge(survivor, other, link.identifier().type());
			}
		}
		return linkAll(survivor, unknown);
	}

	private UUID linkAll(UUID profile, List<Claim> unknown) {
		for (Claim claim : unknown) {
			Identifier identifier = claim.identifier();
			if (this.owners.containsKey(identifier)) {
				continue;
			}
			if (fits(profile, claim)) {
				this.owners.put(identifier, profile);
				this.links.put(identifier, profile);
				countsOf(profile).merge(identifier.type(), 1, Integer::sum);
			}
			else {
				conflict(profile, null, identifier, exceeds(profile, identifier.type(), 1));
			}
		}
		return profile;
	}

	private void merge(UUID survivor, UUID merged, IdentityType type) {
		this.mergedInto.put(merged, survivor);
		Map<IdentityType, Integer> into = countsOf(survivor);
		countsOf(merged).forEach((t, n) -> into.merge(t, n, Integer::sum));
		this.merges.add(new Merge(survivor, merged, type));
	}

	private @Nullable String mergeBlocker(UUID survivor, UUID other) {
		for (Map.Entry<IdentityType, Integer> entry : countsOf(other).entrySet()) {
			int total = countsOf(survivor).getOrDefault(entry.getKey(), 0) + entry.getValue();
			if (total > this.properties.limit(entry.getKey())) {
				return "merging would give one profile " + total + " " + entry.getKey() + " identifiers (limit "
						+ this.properties.limit(entry.getKey()) + ")";
			}
		}
		return null;
	}

	private String exceeds(UUID profile, IdentityType type, int adding) {
		return "profile already has " + countsOf(profile).getOrDefault(type, 0) + " " + type + " identifier(s); adding "
				+ adding + " would exceed the limit of " + this.properties.limit(type);
	}

	private boolean fits(UUID profile, Claim claim) {
		IdentityType type = claim.identifier().type();
		return countsOf(profile).getOrDefault(type, 0) < this.properties.limit(type);
	}

	private void conflict(UUID profile, @Nullable UUID other, Identifier identifier, String reason) {
		this.conflicts.add(new Conflict(profile, other, identifier, reason));
	}

	private UUID newProfile() {
		UUID id = this.ids.get();
		this.newProfiles.add(id);
		this.createdAt.put(id, Instant.MAX);
		this.counts.put(id, new EnumMap<>(IdentityType.class));
		return id;
	}

	private Map<IdentityType, Integer> countsOf(UUID profile) {
		return this.counts.computeIfAbsent(profile, (p) -> new EnumMap<>(IdentityType.class));
	}

	private int rank(Claim claim) {
		return this.properties.rank(claim.identifier().type());
	}

	private UUID find(UUID profile) {
		UUID current = profile;
		UUID next = this.mergedInto.get(current);
		while (next != null) {
			current = next;
			next = this.mergedInto.get(current);
		}
		return current;
	}

}
