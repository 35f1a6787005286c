package dev.zielwerk.profile.traits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import dev.zielwerk.profile.outbox.MessageType;
import dev.zielwerk.profile.outbox.StreamMessage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Applies trait updates of a batch: loads the stored state of the traits they touch once,
 * keeps only real changes (a different value, not older than what is stored), writes them
 * with one upsert and one delete, and returns one {@code traits} stream message per
 * update that changed something. Must run in the caller's transaction, with the profiles
 * locked or new.
 */
@Component
public final class TraitStore {

	private final DatabaseClient database;

	private final JsonMapper json;

	TraitStore(DatabaseClient database, JsonMapper json) {
		this.database = database;
		this.json = json;
	}

	/**
	 * Applies the updates in order; emits, aligned with them, the {@code traits} message
	 * of each update, empty where it changed nothing.
	 */
	public Mono<List<Optional<StreamMessage>>> apply(List<TraitUpdate> updates) {
		Set<Key> touched = new TreeSet<>();
		updates.forEach((u) -> u.traits()
			.forEach((group, traits) -> traits.keySet()
				.forEach((name) -> touched.add(new Key(u.profileId(), group.key(), name)))));
		if (touched.isEmpty()) {
			return Mono.just(updates.stream().map((u) -> Optional.<StreamMessage>empty()).toList());
		}
		return current(touched).flatMap((state) -> {
			Map<Key, Stored> written = new TreeMap<>();
			List<Optional<StreamMessage>> messages = new ArrayList<>();
			for (TraitUpdate update : updates) {
				Map<String, Map<String, @Nullable Object>> changed = new TreeMap<>();
				update.traits().forEach((group, traits) -> traits.forEach((name, value) -> {
					Key key = new Key(update.profileId(), group.key(), name);
					Stored before = state.get(key);
					boolean absentBefore = before == null || before.value() == null;
					if ((before != null && before.at().isAfter(update.at())) || (value == null ? absentBefore
							: !absentBefore && Objects.equals(before.value(), value))) {
						return;
					}
					Stored after = new Stored(value, update.source(), update.party(), update.at());
					state.put(key, after);
					written.put(key, after);
					changed.computeIfAbsent(group.key(), (g) -> new LinkedHashMap<>()).put(name, value);
				}));
				if (!changed.isEmpty()) {
					Map<String, Object> payload = new LinkedHashMap<>();
					payload.put("traits", changed);
					payload.put("source", update.source());
					payload.put("party", update.party().name());
					messages.add(Optional
						.of(StreamMessage.of(MessageType.TRAITS, update.profileId(), update.at(), payload)));
				}
				else {
					messages.add(Optional.empty());
				}
			}
			return upsert(written).then(delete(written)).thenReturn(messages);
		});
	}

	/**
	 * The stored state of exactly the traits the updates touch: a profile holds many
	 * traits, a track message touches only its technographics. The time comes as epoch
	 * microseconds (exact: PostgreSQL keeps microseconds and, from 14 on, extracts a
	 * numeric) because decoding timestamptz text was a tenth of the service's CPU.
	 */
	private Mono<Map<Key, Stored>> current(Set<Key> keys) {
		Map<Key, Stored> state = new HashMap<>();
		return this.database.sql("""
				SELECT t.profile_id, t.trait_group, t.name, t.value::text AS value, t.source, t.party,
				    (extract(epoch FROM t.updated_at) * 1000000)::bigint AS updated_micros
				FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(profile_id, trait_group, name)
				JOIN traits t ON t.profile_id = k.profile_id AND t.trait_group = k.trait_group AND t.name = k.name
				""")
			.bind(0, keys.stream().map(Key::profileId).toArray(UUID[]::new))
			.bind(1, keys.stream().map(Key::group).toArray(String[]::new))
			.bind(2, keys.stream().map(Key::name).toArray(String[]::new))
			.map((row, meta) -> {
				String value = row.get("value", String.class);
				long micros = Objects.requireNonNull(row.get("updated_micros", Long.class));
				state.put(
						new Key(Objects.requireNonNull(row.get("profile_id", UUID.class)),
								Objects.requireNonNull(row.get("trait_group", String.class)),
								Objects.requireNonNull(row.get("name", String.class))),
						new Stored((value != null) ? this.json.readValue(value, Object.class) : null,
								Objects.requireNonNull(row.get("source", String.class)),
								Party.valueOf(row.get("party", String.class)),
								Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
										Math.floorMod(micros, 1_000_000L) * 1_000L)));
				return 1;
			})
			.all()
			.then(Mono.fromSupplier(() -> state));
	}

	private Mono<Void> upsert(Map<Key, Stored> written) {
		List<Map.Entry<Key, Stored>> rows = written.entrySet()
			.stream()
			.filter((e) -> e.getValue().value() != null)
			.toList();
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql("""
				INSERT INTO traits (profile_id, trait_group, name, value, source, party, updated_at)
				SELECT p, g, n, v::jsonb, s, pa, u::timestamptz
				FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
				    AS t(p, g, n, v, s, pa, u)
				ON CONFLICT (profile_id, trait_group, name) DO UPDATE
				SET value = excluded.value, source = excluded.source, party = excluded.party,
				    updated_at = excluded.updated_at
				""")
			.bind(0, rows.stream().map((e) -> e.getKey().profileId()).toArray(UUID[]::new))
			.bind(1, rows.stream().map((e) -> e.getKey().group()).toArray(String[]::new))
			.bind(2, rows.stream().map((e) -> e.getKey().name()).toArray(String[]::new))
			.bind(3, rows.stream()
				.map((e) -> this.json.writeValueAsString(e.getValue().value()))
				.toArray(String[]::new))
			.bind(4, rows.stream().map((e) -> e.getValue().source()).toArray(String[]::new))
			.bind(5, rows.stream().map((e) -> e.getValue().party().name()).toArray(String[]::new))
			.bind(6, rows.stream().map((e) -> e.getValue().at().toString()).toArray(String[]::new))
			.then();
	}

	private Mono<Void> delete(Map<Key, Stored> written) {
		List<Key> removed = written.entrySet()
			.stream()
			.filter((e) -> e.getValue().value() == null)
			.map(Map.Entry::getKey)
			.toList();
		if (removed.isEmpty()) {
			return Mono.empty();
		}
		return this.database.sql("""
				DELETE FROM traits t USING unnest($1::uuid[], $2::text[], $3::text[]) AS d(p, g, n)
				WHERE t.profile_id = d.p AND t.trait_group = d.g AND t.name = d.n
				""")
			.bind(0, removed.stream().map(Key::profileId).toArray(UUID[]::new))
			.bind(1, removed.stream().map(Key::group).toArray(String[]::new))
			.bind(2, removed.stream().map(Key::name).toArray(String[]::new))
			.then();
	}

	private record Key(UUID profileId, String group, String name) implements Comparable<Key> {

		@Override
		public int compareTo(Key other) {
			int c = this.profileId.compareTo(other.profileId);
			c = (c != 0) ? c : this.group.compareTo(other.group);
			return (c != 0) ? c : this.name.compareTo(other.name);
		}

	}

	private record Stored(@Nullable Object value, String source, Party party, Instant at) {
	}

}
