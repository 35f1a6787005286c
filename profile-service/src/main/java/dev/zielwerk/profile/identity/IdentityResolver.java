package dev.zielwerk.profile.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.zielwerk.profile.identity.ResolutionPlan.Link;
import dev.zielwerk.profile.store.TimeOrderedUuid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Resolves the identifiers of a whole batch to profiles with a fixed number of set-based
 * statements, inside the caller's transaction. Concurrency: owning profiles are locked
 * {@code FOR UPDATE} in id order and new identifiers are inserted in sorted order with
 * {@code ON CONFLICT DO NOTHING}. When a concurrent transaction linked one of them first,
 * the insert waits for its commit and skips the row; this batch then drops its
 * provisional rows and plans again with the winner's identifiers visible, so two requests
 * for the same new person end with one profile and no whole-batch retry. A profile merged
 * or erased meanwhile raises {@link IdentityRaceException} and the caller retries.
 */
@Component
public final class IdentityResolver {

	private static final int MAX_ROUNDS = 5;

	private final DatabaseClient database;

	private final IdentityProperties properties;

	private final MergeWriter merges;

	IdentityResolver(DatabaseClient database, IdentityProperties properties, MergeWriter merges) {
		this.database = database;
		this.properties = properties;
		this.merges = merges;
	}

	/**
	 * Resolves each message's claims to one profile, creating, linking and merging as the
	 * rules say, and updates first/last seen with the message times. Must run in a
	 * transaction.
	 */
	public Mono<Resolution> resolve(List<List<Claim>> claims, List<Instant> times, String source) {
		if (claims.isEmpty()) {
			return Mono.just(new Resolution(List.of(), List.of(), List.of()));
		}
		Set<Identifier> all = new TreeSet<>();
		claims.forEach((list) -> list.forEach((claim) -> all.add(claim.identifier())));
		return attempt(claims, all, times, source, 1);
	}

	/**
	 * One round: read owners, lock them, plan, then claim the new identifiers. When a
	 * concurrent transaction committed some of them first (the insert waited for it and
	 * skipped them), this round's provisional rows are removed and the next round plans
	 * again, now seeing the winner's identifiers.
	 */
	private Mono<Resolution> attempt(List<List<Claim>> claims, Set<Identifier> all, List<Instant> times, String source,
			int round) {
		return owners(all).flatMap((owners) -> lockProfiles(new TreeSet<>(owners.values()))
			.flatMap((createdAt) -> counts(createdAt.keySet()).flatMap((counts) -> {
				ResolutionPlan plan = new IdentityPlanner(this.properties, TimeOrderedUuid::next, owners, createdAt,
						counts)
					.plan(claims);
				Instant now = Instant.now();
				return insertProfiles(plan, times).then(insertLinks(plan.links(), source, now)).flatMap((inserted) -> {
					if (inserted.size() == plan.links().size()) {
						return finish(plan, times, now);
					}
					if (round >= MAX_ROUNDS) {
						return Mono.error(new IdentityRaceException("identifiers keep being linked concurrently"));
					}
					return undo(inserted, plan.newProfiles()).then(attempt(claims, all, times, source, round + 1));
				});
			})));
	}

	private Mono<Map<Identifier, UUID>> owners(Set<Identifier> identifiers) {
		if (identifiers.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database.sql("""
				SELECT i.type, i.value, i.profile_id
				FROM unnest($1::text[], $2::text[]) AS asked(type, value)
				JOIN identities i ON i.type = asked.type AND i.value = asked.value
				""")
			.bind(0, identifiers.stream().map((i) -> i.type().name()).toArray(String[]::new))
			.bind(1, identifiers.stream().map(Identifier::value).toArray(String[]::new))
			.map((row,
					meta) -> Map.entry(new Identifier(IdentityType.valueOf(row.get("type", String.class)),
							row.get("value", String.class)), row.get("profile_id", UUID.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
	}

	private Mono<Map<UUID, Instant>> lockProfiles(Set<UUID> ids) {
		if (ids.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database.sql("""
				SELECT id, created_at, merged_into IS NOT NULL AS merged
				FROM profiles WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE
				""")
			.bind(0, ids.toArray(UUID[]::new))
			.map((row, meta) -> new Locked(row.get("id", UUID.class), row.get("created_at", Instant.class),
					Boolean.TRUE.equals(row.get("merged", Boolean.class))))
			.all()
			.collectList()
			.flatMap((locked) -> {
				if (locked.size() != ids.size() || locked.stream().anyMatch(Locked::merged)) {
					return Mono.error(new IdentityRaceException("a profile was merged or erased meanwhile"));
				}
				Map<UUID, Instant> createdAt = new HashMap<>();
				locked.forEach((l) -> createdAt.put(l.id(), l.createdAt()));
				return Mono.just(createdAt);
			});
	}

	private Mono<Map<UUID, Map<IdentityType, Integer>>> counts(Set<UUID> profiles) {
		if (profiles.isEmpty()) {
			return Mono.just(Map.of());
		}
		Map<UUID, Map<IdentityType, Integer>> counts = new HashMap<>();
		return this.database
			.sql("SELECT profile_id, type, count(*) AS n FROM identities WHERE profile_id = ANY($1::uuid[]) "
					+ "GROUP BY profile_id, type")
			.bind(0, profiles.toArray(UUID[]::new))
			.map((row, meta) -> {
				Long n = row.get("n", Long.class);
				counts.computeIfAbsent(row.get("profile_id", UUID.class), (p) -> new HashMap<>())
					.put(IdentityType.valueOf(row.get("type", String.class)), (n != null) ? n.intValue() : 0);
				return 1;
			})
			.all()
			.then(Mono.fromSupplier(() -> counts));
	}

	private Mono<Resolution> finish(ResolutionPlan plan, List<Instant> times, Instant now) {
		return this.merges.apply(plan.merges(), now)
			.flatMap((mergeMessages) -> Flux.fromIterable(plan.conflicts())
				.concatMap((c) -> this.merges.conflict(c, now))
				.then(updateSeen(plan, times))
				.thenReturn(new Resolution(plan.profileOfMessage(), plan.newProfiles(), mergeMessages)));
	}

	private Mono<Void> undo(Set<Identifier> inserted, List<UUID> newProfiles) {
		Mono<Void> identities = inserted.isEmpty() ? Mono.empty()
				: this.database
					.sql("DELETE FROM identities i USING unnest($1::text[], $2::text[]) AS d(type, value) "
							+ "WHERE i.type = d.type AND i.value = d.value")
					.bind(0, inserted.stream().map((i) -> i.type().name()).toArray(String[]::new))
					.bind(1, inserted.stream().map(Identifier::value).toArray(String[]::new))
					.then();
		Mono<Void> profiles = newProfiles.isEmpty() ? Mono.empty()
				: this.database.sql("DELETE FROM profiles WHERE id = ANY($1::uuid[])")
					.bind(0, newProfiles.toArray(UUID[]::new))
					.then();
		return identities.then(profiles);
	}

	private Mono<Void> insertProfiles(ResolutionPlan plan, List<Instant> times) {
		if (plan.newProfiles().isEmpty()) {
			return Mono.empty();
		}
		Instant earliest = times.stream().min(Instant::compareTo).orElseGet(Instant::now);
		return this.database.sql("""
				INSERT INTO profiles (id, first_seen_at, last_seen_at)
				SELECT id, $2::timestamptz, $2::timestamptz FROM unnest($1::uuid[]) AS n(id)
				""").bind(0, plan.newProfiles().toArray(UUID[]::new)).bind(1, earliest.toString()).then();
	}

	/** Inserts the links in sorted order; emits the identifiers actually inserted. */
	private Mono<Set<Identifier>> insertLinks(List<Link> links, String source, Instant now) {
		if (links.isEmpty()) {
			return Mono.just(Set.of());
		}
		List<Link> sorted = new ArrayList<>(links);
		sorted.sort((a, b) -> a.identifier().compareTo(b.identifier()));
		return this.database.sql("""
				INSERT INTO identities (type, value, profile_id, first_seen_at, source)
				SELECT type, value, profile_id, $4::timestamptz, $5
				FROM unnest($1::text[], $2::text[], $3::uuid[]) WITH ORDINALITY AS l(type, value, profile_id, position)
				ORDER BY position
				ON CONFLICT (type, value) DO NOTHING
				RETURNING type, value
				""")
			.bind(0, sorted.stream().map((l) -> l.identifier().type().name()).toArray(String[]::new))
			.bind(1, sorted.stream().map((l) -> l.identifier().value()).toArray(String[]::new))
			.bind(2, sorted.stream().map(Link::profileId).toArray(UUID[]::new))
			.bind(3, now.toString())
			.bind(4, source)
			.map((row, meta) -> new Identifier(IdentityType.valueOf(row.get("type", String.class)),
					row.get("value", String.class)))
			.all()
			.collect(HashSet::new, Set::add);
	}

	/** Seen times per final profile; rows are locked or new, so the order is safe. */
	private Mono<Void> updateSeen(ResolutionPlan plan, List<Instant> times) {
		Map<UUID, Instant[]> seen = new HashMap<>();
		for (int i = 0; i < plan.profileOfMessage().size(); i++) {
			Instant time = times.get(i);
			seen.merge(plan.profileOfMessage().get(i), new Instant[] { time, time },
					(a, b) -> new Instant[] { min(a[0], b[0]), max(a[1], b[1]) });
		}
		List<UUID> ids = new ArrayList<>(new TreeSet<>(seen.keySet()));
		Set<UUID> fresh = new HashSet<>(plan.newProfiles());
		return this.database
			.sql("""
					UPDATE profiles p
					SET first_seen_at = CASE WHEN u.fresh THEN u.first ELSE least(p.first_seen_at, u.first) END,
					    last_seen_at = CASE WHEN u.fresh THEN u.last ELSE greatest(p.last_seen_at, u.last) END
					FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::boolean[]) AS u(id, first, last, fresh)
					WHERE p.id = u.id
					""")
			.bind(0, ids.toArray(UUID[]::new))
			.bind(1, ids.stream().map((id) -> seen.get(id)[0].toString()).toArray(String[]::new))
			.bind(2, ids.stream().map((id) -> seen.get(id)[1].toString()).toArray(String[]::new))
			.bind(3, ids.stream().map(fresh::contains).toArray(Boolean[]::new))
			.then();
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private record Locked(UUID id, Instant createdAt, boolean merged) {
	}

}
