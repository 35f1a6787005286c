package dev.zielwerk.segment.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.evaluation.ProfileState;
import dev.zielwerk.segment.rule.ConsentPurpose;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Loads profiles' state from the tables of schema {@code segment}: four queries for any
 * number of profiles.
 */
@Component
public final class ProfileStateStore {

	private final DatabaseClient database;

	ProfileStateStore(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * Loads one profile.
	 * @param profileId the profile
	 * @return its state, empty when it is unknown
	 */
	public Mono<ProfileState> load(UUID profileId) {
		return loadAll(List.of(profileId))
			.map((states) -> states.getOrDefault(profileId, ProfileState.empty(profileId)));
	}

	/**
	 * Loads several profiles.
	 * @param profileIds the profiles
	 * @return the state of each known profile
	 */
	public Mono<Map<UUID, ProfileState>> loadAll(List<UUID> profileIds) {
		return loadAll(profileIds, null);
	}

	/**
	 * Loads several profiles with only the events of some names: enough for rules that
	 * read no other event (their {@link dev.zielwerk.segment.rule.RuleIndex} has these
	 * names and no {@code event any}), and much less to read for long histories.
	 * @param profileIds the profiles
	 * @param eventNames the event names to load, or null for every event
	 * @return the state of each known profile
	 */
	Mono<Map<UUID, ProfileState>> loadAll(List<UUID> profileIds, @Nullable Collection<String> eventNames) {
		if (profileIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		UUID[] ids = profileIds.toArray(UUID[]::new);
		Map<UUID, Builder> builders = new HashMap<>();
		Mono<Void> profiles = this.database
			.sql("SELECT profile_id, traits::text AS traits FROM profiles WHERE profile_id = ANY($1::uuid[])")
			.bind(0, ids)
			.map((row) -> {
				UUID id = row.get("profile_id", UUID.class);
				builders.put(id,
						new Builder(id, StateJson.traits(StateJson.read(text(row.get("traits", String.class))))));
				return id;
			})
			.all()
			.then();
		DatabaseClient.GenericExecuteSpec eventQuery = (eventNames == null) ? this.database.sql("""
				SELECT profile_id, name, occurred_at, properties::text AS properties FROM profile_events
				WHERE profile_id = ANY($1::uuid[])
				""").bind(0, ids) : this.database.sql("""
				SELECT profile_id, name, occurred_at, properties::text AS properties FROM profile_events
				WHERE profile_id = ANY($1::uuid[]) AND name = ANY($2::text[])
				""").bind(0, ids).bind(1, eventNames.toArray(String[]::new));
		Mono<Void> events = (eventNames != null && eventNames.isEmpty()) ? Mono.empty() : eventQuery.map((row) -> {
			Builder builder = builders.get(row.get("profile_id", UUID.class));
			if (builder != null) {
				builder.events.add(new ProfileState.Event(row.get("name", String.class),
						instant(row.get("occurred_at", OffsetDateTime.class)),
						StateJson.read(text(row.get("properties", String.class)))));
			}
			return true;
		}).all().then();
		Mono<Void> consents = this.database.sql("""
				SELECT profile_id, purpose, status, expires_at FROM profile_consents
				WHERE profile_id = ANY($1::uuid[])
				""").bind(0, ids).map((row) -> {
			Builder builder = builders.get(row.get("profile_id", UUID.class));
			if (builder != null) {
				OffsetDateTime expires = row.get("expires_at", OffsetDateTime.class);
				builder.consents.put(ConsentPurpose.valueOf(text(row.get("purpose", String.class))),
						new ProfileState.Consent(
								ProfileState.Consent.Status.valueOf(text(row.get("status", String.class))),
								(expires != null) ? expires.toInstant() : null));
			}
			return true;
		}).all().then();
		Mono<Void> memberships = this.database
			.sql("SELECT profile_id, segment_key FROM memberships WHERE profile_id = ANY($1::uuid[])")
			.bind(0, ids)
			.map((row) -> {
				Builder builder = builders.get(row.get("profile_id", UUID.class));
				if (builder != null) {
					builder.memberships.add(text(row.get("segment_key", String.class)));
				}
				return true;
			})
			.all()
			.then();
		return profiles.then(events).then(consents).then(memberships).then(Mono.fromCallable(() -> {
			Map<UUID, ProfileState> states = new HashMap<>();
			builders.forEach((id, builder) -> states.put(id, builder.build()));
			return states;
		}));
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

	private static Instant instant(@Nullable OffsetDateTime time) {
		if (time == null) {
			throw new IllegalStateException("a NOT NULL timestamp was null");
		}
		return time.toInstant();
	}

	private static final class Builder {

		private final UUID id;

		private final Map<String, Map<String, JsonNode>> traits;

		private final List<ProfileState.Event> events = new ArrayList<>();

		private final Map<ConsentPurpose, ProfileState.Consent> consents = new EnumMap<>(ConsentPurpose.class);

		private final Set<String> memberships = new HashSet<>();

		Builder(UUID id, Map<String, Map<String, JsonNode>> traits) {
			this.id = id;
			this.traits = traits;
		}

		ProfileState build() {
			return new ProfileState(this.id, this.traits, this.events, this.consents, this.memberships);
		}

	}

}
