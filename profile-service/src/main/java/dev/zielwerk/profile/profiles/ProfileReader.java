package dev.zielwerk.profile.profiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.zielwerk.profile.identity.IdentityType;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Loads profiles by id in one query. An id that was merged away resolves to its survivor,
 * so ids handed out before a merge keep working.
 */
@Component
public final class ProfileReader {

	private final DatabaseClient database;

	ProfileReader(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * The profiles for the ids, in the same order; empty where an id is unknown or
	 * erased.
	 */
	public Mono<List<Optional<Profile>>> findAll(List<UUID> ids) {
		if (ids.isEmpty()) {
			return Mono.just(List.of());
		}
		return this.database.sql("""
				SELECT asked.id AS asked, p.id, p.first_seen_at, p.last_seen_at
				FROM unnest($1::uuid[]) AS asked(id)
				JOIN profiles direct ON direct.id = asked.id
				JOIN profiles p ON p.id = coalesce(
				    (WITH RECURSIVE chain(id, next) AS (
				        SELECT direct.id, direct.merged_into
				        UNION ALL
				        SELECT q.id, q.merged_into FROM profiles q JOIN chain c ON q.id = c.next)
				     SELECT id FROM chain WHERE next IS NULL LIMIT 1), direct.id)
				""")
			.bind(0, ids.toArray(UUID[]::new))
			.map((row, meta) -> Map.entry(row.get("asked", UUID.class),
					new Profile(row.get("id", UUID.class), row.get("first_seen_at", Instant.class),
							row.get("last_seen_at", Instant.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new)
			.map((found) -> inOrder(ids, found));
	}

	/**
	 * The profile holding the identifier (type and already normalized value), following
	 * merges; empty when nobody holds it.
	 */
	public Mono<Profile> findByIdentity(IdentityType type, String normalizedValue) {
		return this.database.sql("SELECT profile_id FROM identities WHERE type = $1 AND value = $2")
			.bind(0, type.name())
			.bind(1, normalizedValue)
			.map((row, meta) -> row.get("profile_id", UUID.class))
			.one()
			.flatMap(this::findById);
	}

	public Mono<Profile> findById(UUID id) {
		return findAll(List.of(id)).flatMap((found) -> Mono.justOrEmpty(found.get(0)));
	}

	private static List<Optional<Profile>> inOrder(Collection<UUID> ids, Map<UUID, Profile> found) {
		List<Optional<Profile>> result = new ArrayList<>(ids.size());
		for (UUID id : ids) {
			result.add(Optional.ofNullable(found.get(id)));
		}
		return result;
	}

}
