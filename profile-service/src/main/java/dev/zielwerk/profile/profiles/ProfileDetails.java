package dev.zielwerk.profile.profiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import dev.zielwerk.profile.identity.IdentityType;
import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The per-profile lists (identities, traits, merges, conflicts), each loaded for many
 * profiles in one statement. Every profile asked for gets an entry, empty when it has
 * nothing.
 */
@Component
public final class ProfileDetails {

	private final DatabaseClient database;

	private final JsonMapper json;

	ProfileDetails(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	public Mono<Map<UUID, List<ProfileIdentity>>> identities(List<UUID> ids) {
		return byProfile(ids, """
				SELECT profile_id, type, value, first_seen_at, source FROM identities
				WHERE profile_id = ANY($1) ORDER BY profile_id, first_seen_at, type, value
				""",
				(row, owner) -> new ProfileIdentity(IdentityType.valueOf(row.get("type", String.class)),
						row.get("value", String.class), row.get("first_seen_at", Instant.class),
						row.get("source", String.class)));
	}

	public Mono<Map<UUID, ProfileTraits>> traits(List<UUID> ids) {
		return this.database.sql("""
				SELECT profile_id, trait_group, name, value, source, party, updated_at FROM traits
				WHERE profile_id = ANY($1) ORDER BY profile_id, trait_group, name
				""")
			.bind(0, ids.toArray(UUID[]::new))
			.map((row, meta) -> new GroupedTrait(row.get("profile_id", UUID.class),
					row.get("trait_group", String.class),
					new Trait(row.get("name", String.class), jsonValue(row.get("value", Json.class)),
							row.get("source", String.class), row.get("party", String.class),
							row.get("updated_at", Instant.class))))
			.all()
			.collectList()
			.map((rows) -> {
				Map<UUID, Map<String, List<Trait>>> groups = new LinkedHashMap<>();
				ids.forEach((id) -> groups.put(id, new LinkedHashMap<>()));
				rows.forEach((row) -> groups.get(row.profileId())
					.computeIfAbsent(row.group(), (group) -> new ArrayList<>())
					.add(row.trait()));
				Map<UUID, ProfileTraits> traits = new LinkedHashMap<>();
				groups.forEach((id, byGroup) -> traits.put(id, new ProfileTraits(byGroup)));
				return traits;
			});
	}

	/** Newest first. */
	public Mono<Map<UUID, List<Merge>>> merges(List<UUID> ids) {
		return byProfile(ids, """
				SELECT survivor_id AS profile_id, merged_id, identity_type, merged_at FROM merges
				WHERE survivor_id = ANY($1) ORDER BY survivor_id, merged_at DESC, id DESC
				""", (row, owner) -> new Merge(row.get("merged_id", UUID.class), row.get("identity_type", String.class),
				row.get("merged_at", Instant.class)));
	}

	/** Newest first. */
	public Mono<Map<UUID, List<IdentityConflict>>> conflicts(List<UUID> ids) {
		return byProfile(ids, """
				SELECT profile_id, identity_type, identity_value, reason, occurred_at FROM identity_conflicts
				WHERE profile_id = ANY($1) ORDER BY profile_id, occurred_at DESC, id DESC
				""",
				(row, owner) -> new IdentityConflict(row.get("identity_type", String.class),
						row.get("identity_value", String.class), row.get("reason", String.class),
						row.get("occurred_at", Instant.class)));
	}

	private <T> Mono<Map<UUID, List<T>>> byProfile(List<UUID> ids, String sql, BiFunction<Readable, UUID, T> mapper) {
		return this.database.sql(sql).bind(0, ids.toArray(UUID[]::new)).map((row, meta) -> {
			UUID owner = row.get("profile_id", UUID.class);
			return Map.entry(owner, mapper.apply(row, owner));
		}).all().collectList().map((rows) -> {
			Map<UUID, List<T>> result = new LinkedHashMap<>();
			ids.forEach((id) -> result.put(id, new ArrayList<>()));
			rows.forEach((row) -> result.get(row.getKey()).add(row.getValue()));
			return result;
		});
	}

	private @Nullable Object jsonValue(@Nullable Json value) {
		return (value != null) ? this.json.readValue(value.asString(), Object.class) : null;
	}

	private record GroupedTrait(UUID profileId, String group, Trait trait) {
	}

}
