package dev.zielwerk.segment.evaluation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.rule.ConsentPurpose;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What segment-service knows of one profile, built from the profile stream: the state a
 * rule is evaluated against, in memory here and as rows of schema {@code segment} for
 * SQL. Instants are kept to the microsecond (truncated), as PostgreSQL stores them, so
 * both evaluations see the same times. JSON values are treated as immutable.
 *
 * @param profileId the profile
 * @param traits trait group ({@code geo}) to trait name ({@code country}) to JSON value
 * @param events the profile's events, in any order
 * @param consents the current consent per purpose; a purpose never decided is absent
 * @param memberships keys of the segments the profile is a member of (for
 * {@code in segment})
 */
public record ProfileState(UUID profileId, Map<String, Map<String, JsonNode>> traits, List<Event> events,
		Map<ConsentPurpose, Consent> consents, Set<String> memberships) {

	public ProfileState {
		Map<String, Map<String, JsonNode>> groups = new LinkedHashMap<>();
		traits.forEach((group, values) -> groups.put(group, Map.copyOf(values)));
		traits = Map.copyOf(groups);
		events = List.copyOf(events);
		consents = Map.copyOf(consents);
		memberships = Set.copyOf(memberships);
	}

	/**
	 * A profile nothing is known about yet.
	 * @param profileId the profile
	 * @return the empty state
	 */
	public static ProfileState empty(UUID profileId) {
		return new ProfileState(profileId, Map.of(), List.of(), Map.of(), Set.of());
	}

	/**
	 * One event of the profile.
	 *
	 * @param name the event name, {@code null} for messages without one (identify)
	 * @param occurredAt when it happened, truncated to the microsecond
	 * @param properties the event's properties, a JSON object
	 */
	public record Event(@Nullable String name, Instant occurredAt, JsonNode properties) {

		public Event {
			occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
		}

	}

	/**
	 * The current consent for one purpose.
	 *
	 * @param status the decision
	 * @param expiresAt when a grant lapses, truncated to the microsecond; {@code null}
	 * for never
	 */
	public record Consent(Status status, @Nullable Instant expiresAt) {

		public Consent {
			expiresAt = (expiresAt != null) ? expiresAt.truncatedTo(ChronoUnit.MICROS) : null;
		}

		/**
		 * Whether the consent holds at an instant: granted and not expired.
		 * @param now the instant
		 * @return true when granted and {@code expiresAt} is after {@code now}
		 */
		public boolean isGrantedAt(Instant now) {
			return this.status == Status.GRANTED && (this.expiresAt == null || this.expiresAt.isAfter(now));
		}

		/** The consent statuses of the stream contract. */
		public enum Status {

			/** Given. */
			GRANTED,

			/** Refused. */
			DENIED,

			/** Given, then taken back. */
			WITHDRAWN

		}

	}

}
