package dev.zielwerk.segment.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * per segment. Callers run it in a transaction holding the profile's lock.
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
		if (segments.isEmpty()) {
			return Mono.just(List.of());
		}
		return this.states.load(profileId).flatMap((state) -> {
			Set<String> members = new HashSet<>(state.memberships());
			ProfileState current = state;
			List<MembershipChange> changes = new ArrayList<>();
			Map<String, Instant> due = new LinkedHashMap<>();
			List<String> undue = new ArrayList<>();
			for (Definition definition : segments) {
				Evaluation evaluation = Evaluator.evaluate(definition.rule(), current, now);
				boolean was = members.contains(definition.key());
				if (evaluation.member() != was) {
					if (evaluation.member()) {
						members.add(definition.key());
					}
					else {
						members.remove(definition.key());
					}
					current = new ProfileState(current.profileId(), current.traits(), current.events(),
							current.consents(), members);
					changes.add(new MembershipChange(definition.segment().id(), definition.key(), profileId,
							evaluation.member() ? MembershipChange.Change.ENTERED : MembershipChange.Change.EXITED, now,
							reason));
				}
				Instant next = evaluation.nextChangeAt();
				if (next != null) {
					due.put(definition.key(), ceilMicros(next));
				}
				else {
					undue.add(definition.key());
				}
			}
			return this.writer.record(changes).then(schedule(profileId, due, undue)).thenReturn(changes);
		});
	}

	private Mono<Void> schedule(UUID profileId, Map<String, Instant> due, List<String> undue) {
		Mono<Void> clear = undue.isEmpty() ? Mono.empty()
				: this.database
					.sql("DELETE FROM evaluation_schedule WHERE profile_id = $1 AND segment_key = ANY($2::text[])")
					.bind(0, profileId)
					.bind(1, undue.toArray(String[]::new))
					.then();
		Mono<Void> set = due.isEmpty() ? Mono.empty()
				: this.database.sql("""
						INSERT INTO evaluation_schedule (segment_key, profile_id, due_at)
						SELECT k, $1, d::timestamptz FROM unnest($2::text[], $3::text[]) AS t(k, d)
						ON CONFLICT (segment_key, profile_id) DO UPDATE SET due_at = excluded.due_at
						""")
					.bind(0, profileId)
					.bind(1, due.keySet().toArray(String[]::new))
					.bind(2, due.values().stream().map(Instant::toString).toArray(String[]::new))
					.then();
		return clear.then(set);
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
