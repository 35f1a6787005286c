package dev.zielwerk.segment.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.evaluation.Evaluation;
import dev.zielwerk.segment.evaluation.Evaluator;
import dev.zielwerk.segment.evaluation.ProfileState;
import dev.zielwerk.segment.membership.MembershipChange;
import dev.zielwerk.segment.membership.MembershipWriter;
import dev.zielwerk.segment.segments.Definition;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates some segments for one profile in memory, over its state loaded from
 * PostgreSQL, in dependency order (a change of a referenced segment is seen by the
 * segments after it), records the membership changes and sets the profile's next due time
 * per segment. Callers run it in a transaction holding the profiles' locks.
 */
@Component
public final class Reevaluator {

	private final ProfileStateStore states;

	private final MembershipWriter writer;

	private final DatabaseClient database;

	Reevaluator(ProfileStateStore states, MembershipWriter writer, DatabaseClient database) {
		this.states = states;
		this.writer = writer;
		this.database = database;
	}

	/**
	 * Re-evaluates segments for a profile that has a row in {@code profiles}.
	 * @param profileId the profile
	 * @param segments the segments, in dependency order
	 * @param now the evaluation instant
	 * @param reason what caused it, recorded with each change
	 * @return the changes, recorded in PostgreSQL, to publish after commit
	 */
	public Mono<List<MembershipChange>> reevaluate(UUID profileId, List<Definition> segments, Instant now,
			String reason) {
		return reevaluateAll(List.of(new Work(profileId, segments, reason)), now);
	}

	/**
	 * Re-evaluates segments for several profiles that have rows in {@code profiles}: one
	 * query per state table for all of them (events only of the names the segments read,
	 * unless one reads {@code event any}), then the changes and due times of all of them
	 * in a few set-based statements.
	 * @param work per profile (each at most once) the segments, in dependency order, and
	 * the reason
	 * @param now the evaluation instant
	 * @return the changes, recorded in PostgreSQL, to publish after commit
	 */
	Mono<List<MembershipChange>> reevaluateAll(List<Work> work, Instant now) {
		List<Work> needed = work.stream().filter((item) -> !item.segments().isEmpty()).toList();
		if (needed.isEmpty()) {
			return Mono.just(List.of());
		}
		Set<String> names = new HashSet<>();
		boolean anyEvent = false;
		for (Work item : needed) {
			for (Definition definition : item.segments()) {
				anyEvent |= definition.index().anyEvent();
				names.addAll(definition.index().eventNames());
			}
		}
		List<UUID> ids = needed.stream().map(Work::profileId).toList();
		return this.states.loadAll(ids, anyEvent ? null : names).zipWith(scheduled(ids)).flatMap((loaded) -> {
			Map<UUID, ProfileState> states = loaded.getT1();
			List<MembershipChange> changes = new ArrayList<>();
			Schedule schedule = new Schedule(loaded.getT2());
			for (Work item : needed) {
				ProfileState state = states.getOrDefault(item.profileId(), ProfileState.empty(item.profileId()));
				evaluate(state, item, now, changes, schedule);
			}
			return this.writer.record(changes).then(schedule.write(this.database)).thenReturn(changes);
		});
	}

	/**
	 * The profiles' current due times, so that only those that change are written: most
	 * evaluations leave most of them as they are, and an unchanged row rewritten is dead
	 * weight for the scheduler's index.
	 */
	private Mono<Map<Due, Instant>> scheduled(List<UUID> profiles) {
		return this.database
			.sql("SELECT segment_key, profile_id, due_at FROM evaluation_schedule WHERE profile_id = ANY($1::uuid[])")
			.bind(0, profiles.toArray(UUID[]::new))
			.map((row) -> Map.entry(
					new Due(String.valueOf(row.get("segment_key", String.class)),
							Objects.requireNonNull(row.get("profile_id", UUID.class))),
					Objects.requireNonNull(row.get("due_at", OffsetDateTime.class)).toInstant()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private static void evaluate(ProfileState state, Work item, Instant now, List<MembershipChange> changes,
			Schedule schedule) {
		Set<String> members = new HashSet<>(state.memberships());
		ProfileState current = state;
		for (Definition definition : item.segments()) {
			Evaluation evaluation = Evaluator.evaluate(definition.rule(), current, now);
			boolean was = members.contains(definition.key());
			if (evaluation.member() != was) {
				if (evaluation.member()) {
					members.add(definition.key());
				}
				else {
					members.remove(definition.key());
				}
				current = new ProfileState(current.profileId(), current.traits(), current.events(), current.consents(),
						members);
				changes.add(new MembershipChange(definition.segment().id(), definition.key(), item.profileId(),
						evaluation.member() ? MembershipChange.Change.ENTERED : MembershipChange.Change.EXITED, now,
						item.reason()));
			}
			Instant next = evaluation.nextChangeAt();
			if (next != null) {
				schedule.due(definition.key(), item.profileId(), ceilMicros(next));
			}
			else {
				schedule.undue(definition.key(), item.profileId());
			}
		}
	}

	/**
	 * What to re-evaluate for one profile.
	 *
	 * @param profileId the profile
	 * @param segments the segments, in dependency order
	 * @param reason what caused it, recorded with each change
	 */
	record Work(UUID profileId, List<Definition> segments, String reason) {
	}

	private record Due(String key, UUID profileId) {
	}

	/** The due times to set and clear, written in two statements. */
	private static final class Schedule {

		private final Map<Due, Instant> current;

		private final List<String> dueKeys = new ArrayList<>();

		private final List<UUID> dueProfiles = new ArrayList<>();

		private final List<String> dueAt = new ArrayList<>();

		private final List<String> undueKeys = new ArrayList<>();

		private final List<UUID> undueProfiles = new ArrayList<>();

		Schedule(Map<Due, Instant> current) {
			this.current = current;
		}

		void due(String key, UUID profile, Instant at) {
			if (at.equals(this.current.get(new Due(key, profile)))) {
				return;
			}
			this.dueKeys.add(key);
			this.dueProfiles.add(profile);
			this.dueAt.add(at.toString());
		}

		void undue(String key, UUID profile) {
			if (!this.current.containsKey(new Due(key, profile))) {
				return;
			}
			this.undueKeys.add(key);
			this.undueProfiles.add(profile);
		}

		Mono<Void> write(DatabaseClient database) {
			Mono<Void> clear = this.undueKeys.isEmpty() ? Mono.empty()
					: database.sql("""
							DELETE FROM evaluation_schedule e USING unnest($1::text[], $2::uuid[]) AS t(k, p)
							WHERE e.segment_key = t.k AND e.profile_id = t.p
							""")
						.bind(0, this.undueKeys.toArray(String[]::new))
						.bind(1, this.undueProfiles.toArray(UUID[]::new))
						.then();
			Mono<Void> set = this.dueKeys.isEmpty() ? Mono.empty()
					: database.sql("""
							INSERT INTO evaluation_schedule (segment_key, profile_id, due_at)
							SELECT k, p, d::timestamptz FROM unnest($1::text[], $2::uuid[], $3::text[]) AS t(k, p, d)
							ON CONFLICT (segment_key, profile_id) DO UPDATE SET due_at = excluded.due_at
							""")
						.bind(0, this.dueKeys.toArray(String[]::new))
						.bind(1, this.dueProfiles.toArray(UUID[]::new))
						.bind(2, this.dueAt.toArray(String[]::new))
						.then();
			return clear.then(set);
		}

	}

	/**
	 * PostgreSQL keeps microseconds; rounding a due time up means the scheduler never
	 * re-evaluates before the change, so it never reschedules the same instant.
	 */
	static Instant ceilMicros(Instant instant) {
		Instant floor = instant.truncatedTo(ChronoUnit.MICROS);
		return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MICROS);
	}

}
