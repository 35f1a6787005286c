package dev.zielwerk.segment.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.zielwerk.segment.store.Binds;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Applies stream messages to the per-profile state tables. Callers hold the profile's
 * lock inside a transaction. {@code profiles.changed_in} is set to the transaction on
 * every change, so a batch can find the profiles that changed while it computed.
 */
@Component
final class StateWriter {

	private final DatabaseClient database;

	StateWriter(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * Creates the profile's row when it is new, and marks it changed.
	 * @return whether it is new: a new profile is evaluated against every segment, since
	 * an empty profile can match ({@code not traits.x exists})
	 */
	Mono<Boolean> ensureProfile(UUID profileId) {
		return this.database
			.sql("""
					INSERT INTO profiles (profile_id, updated_at, changed_in) VALUES ($1, clock_timestamp(), pg_current_xact_id())
					ON CONFLICT (profile_id) DO UPDATE SET updated_at = clock_timestamp(), changed_in = pg_current_xact_id()
					RETURNING (xmax = 0) AS created
					""")
			.bind(0, profileId)
			.map((row) -> Boolean.TRUE.equals(row.get("created", Boolean.class)))
			.one();
	}

	/**
	 * {@link #ensureProfile} for several profiles in one statement.
	 * @return the profiles that are new
	 */
	Mono<Set<UUID>> ensureProfiles(Collection<UUID> profileIds) {
		return this.database.sql("""
				INSERT INTO profiles (profile_id, updated_at, changed_in)
				SELECT id, clock_timestamp(), pg_current_xact_id() FROM unnest($1::uuid[]) AS id
				ON CONFLICT (profile_id) DO UPDATE SET updated_at = clock_timestamp(), changed_in = pg_current_xact_id()
				RETURNING profile_id, (xmax = 0) AS created
				""")
			.bind(0, profileIds.toArray(UUID[]::new))
			.map((row) -> Boolean.TRUE.equals(row.get("created", Boolean.class))
					? Optional.ofNullable(row.get("profile_id", UUID.class)) : Optional.<UUID>empty())
			.all()
			.flatMapIterable((created) -> created.stream().toList())
			.collect(Collectors.toSet());
	}

	/**
	 * Inserts events of any profiles: one statement for the named ones, one for the
	 * others. An event id already stored is skipped.
	 */
	Mono<Void> insertEvents(List<NewEvent> events) {
		return insertEvents(events.stream().filter((event) -> event.name() != null).toList(), true)
			.then(insertEvents(events.stream().filter((event) -> event.name() == null).toList(), false));
	}

	private Mono<Void> insertEvents(List<NewEvent> events, boolean named) {
		if (events.isEmpty()) {
			return Mono.empty();
		}
		String sql = """
				INSERT INTO profile_events (event_id, profile_id, name, occurred_at, properties)
				SELECT e, p, %s, o::timestamptz, j::jsonb
				FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS t(e, p, n, o, j)
				ON CONFLICT (event_id) DO NOTHING
				""".formatted(named ? "n" : "NULL");
		return this.database.sql(sql)
			.bind(0, events.stream().map(NewEvent::eventId).toArray(UUID[]::new))
			.bind(1, events.stream().map(NewEvent::profileId).toArray(UUID[]::new))
			.bind(2, events.stream()
				.map((event) -> Objects.requireNonNullElse(event.name(), ""))
				.toArray(String[]::new))
			.bind(3, events.stream()
				.map((event) -> event.occurredAt().truncatedTo(ChronoUnit.MICROS).toString())
				.toArray(String[]::new))
			.bind(4, events.stream()
				.map((event) -> StateJson
					.write(event.properties().isObject() ? event.properties() : StateJson.MAPPER.createObjectNode()))
				.toArray(String[]::new))
			.then();
	}

	/**
	 * An event to store.
	 *
	 * @param eventId its id
	 * @param profileId its profile
	 * @param name its name, null for messages without one
	 * @param occurredAt when
	 * @param properties its properties
	 */
	record NewEvent(UUID eventId, UUID profileId, @Nullable String name, Instant occurredAt, JsonNode properties) {
	}

	Mono<Void> insertEvent(UUID profileId, UUID eventId, @Nullable String name, Instant occurredAt,
			JsonNode properties) {
		return Binds.nullable(this.database.sql("""
				INSERT INTO profile_events (event_id, profile_id, name, occurred_at, properties)
				VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (event_id) DO NOTHING
				"""), 2, name, String.class)
			.bind(0, eventId)
			.bind(1, profileId)
			.bind(3, occurredAt.truncatedTo(ChronoUnit.MICROS))
			.bind(4, StateJson.write(properties.isObject() ? properties : StateJson.MAPPER.createObjectNode()))
			.then();
	}

	/**
	 * Merges changed traits: a null value removes the trait.
	 * @return the dotted paths that changed ({@code geo.country})
	 */
	Mono<List<String>> mergeTraits(UUID profileId, JsonNode changed) {
		return this.database.sql("SELECT traits::text AS traits FROM profiles WHERE profile_id = $1")
			.bind(0, profileId)
			.map((row) -> String.valueOf(row.get("traits", String.class)))
			.one()
			.flatMap((text) -> {
				ObjectNode traits = (ObjectNode) StateJson.read(text);
				List<String> paths = new ArrayList<>();
				for (Map.Entry<String, JsonNode> group : changed.properties()) {
					if (!group.getValue().isObject()) {
						continue;
					}
					JsonNode existing = traits.get(group.getKey());
					ObjectNode target = (existing instanceof ObjectNode object) ? object
							: traits.putObject(group.getKey());
					for (Map.Entry<String, JsonNode> trait : group.getValue().properties()) {
						if (trait.getValue().isNull()) {
							target.remove(trait.getKey());
						}
						else {
							target.set(trait.getKey(), trait.getValue());
						}
						paths.add(group.getKey() + "." + trait.getKey());
					}
				}
				return this.database.sql("UPDATE profiles SET traits = $2::jsonb WHERE profile_id = $1")
					.bind(0, profileId)
					.bind(1, StateJson.write(traits))
					.then()
					.thenReturn(paths);
			});
	}

	Mono<Void> upsertConsent(UUID profileId, String purpose, String status, @Nullable Instant expiresAt,
			Instant decidedAt) {
		Instant expires = (expiresAt != null) ? expiresAt.truncatedTo(ChronoUnit.MICROS) : null;
		return Binds.nullable(this.database.sql("""
				INSERT INTO profile_consents (profile_id, purpose, status, expires_at, decided_at)
				VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (profile_id, purpose) DO UPDATE
				    SET status = excluded.status, expires_at = excluded.expires_at, decided_at = excluded.decided_at
				    WHERE profile_consents.decided_at <= excluded.decided_at
				"""), 3, expires, Instant.class)
			.bind(0, profileId)
			.bind(1, purpose)
			.bind(2, status)
			.bind(4, decidedAt.truncatedTo(ChronoUnit.MICROS))
			.then();
	}

	/**
	 * Moves everything known about {@code mergedId} to the survivor: events; traits the
	 * survivor lacks; per purpose the latest consent decision. The merged profile's row
	 * stays for the caller to delete.
	 */
	Mono<Void> moveState(UUID mergedId, UUID survivorId) {
		Mono<Void> events = this.database.sql("UPDATE profile_events SET profile_id = $2 WHERE profile_id = $1")
			.bind(0, mergedId)
			.bind(1, survivorId)
			.then();
		Mono<Void> traits = this.database
			.sql("""
					UPDATE profiles s SET traits = (
					    SELECT coalesce(jsonb_object_agg(g, coalesce(m.traits -> g, '{}'::jsonb) || coalesce(s.traits -> g, '{}'::jsonb)), '{}'::jsonb)
					    FROM (SELECT jsonb_object_keys(m.traits) UNION SELECT jsonb_object_keys(s.traits)) AS k(g))
					FROM profiles m WHERE s.profile_id = $2 AND m.profile_id = $1
					""")
			.bind(0, mergedId)
			.bind(1, survivorId)
			.then();
		Mono<Void> consents = this.database.sql("""
				INSERT INTO profile_consents (profile_id, purpose, status, expires_at, decided_at)
				SELECT $2, purpose, status, expires_at, decided_at FROM profile_consents WHERE profile_id = $1
				ON CONFLICT (profile_id, purpose) DO UPDATE
				    SET status = excluded.status, expires_at = excluded.expires_at, decided_at = excluded.decided_at
				    WHERE profile_consents.decided_at < excluded.decided_at
				""").bind(0, mergedId).bind(1, survivorId).then();
		return events.then(traits).then(consents);
	}

	/**
	 * Deletes a profile's state; its events, consents, memberships and schedule cascade.
	 */
	Mono<Void> deleteProfile(UUID profileId) {
		return this.database.sql("DELETE FROM profiles WHERE profile_id = $1").bind(0, profileId).then();
	}

}
