package dev.zielwerk.profile.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.profile.identity.ResolutionPlan.Conflict;
import dev.zielwerk.profile.identity.ResolutionPlan.Merge;
import dev.zielwerk.profile.outbox.MessageType;
import dev.zielwerk.profile.outbox.StreamMessage;
import dev.zielwerk.profile.store.TimeOrderedUuid;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Moves everything of a merged profile to its survivor: identities, events, consent
 * history, merge and conflict records; traits and current consent where the merged one is
 * newer. The merged row stays as a tombstone pointing at the survivor. One statement per
 * merge: a batch that links many devices merges often.
 */
@Component
final class MergeWriter {

	/**
	 * The whole merge as one statement: each data-modifying CTE touches rows no other one
	 * touches (the survivor's rows are written, the merged profile's rows are moved or
	 * deleted), and all of them read the snapshot from before the statement, so the
	 * result is that of running them one after another, in one round trip instead of
	 * twelve.
	 */
	private static final String MERGE = """
			WITH moved_identities AS (
			    UPDATE identities SET profile_id = $1::uuid WHERE profile_id = $2::uuid),
			moved_events AS (
			    UPDATE events SET profile_id = $1::uuid WHERE profile_id = $2::uuid),
			copied_traits AS (
			    INSERT INTO traits (profile_id, trait_group, name, value, source, party, updated_at)
			    SELECT $1::uuid, trait_group, name, value, source, party, updated_at FROM traits
			    WHERE profile_id = $2::uuid
			    ON CONFLICT (profile_id, trait_group, name) DO UPDATE
			    SET value = excluded.value, source = excluded.source, party = excluded.party,
			        updated_at = excluded.updated_at
			    WHERE traits.updated_at < excluded.updated_at),
			deleted_traits AS (
			    DELETE FROM traits WHERE profile_id = $2::uuid),
			copied_consents AS (
			    INSERT INTO consents (profile_id, purpose, status, source, occurred_at, expires_at)
			    SELECT $1::uuid, purpose, status, source, occurred_at, expires_at FROM consents
			    WHERE profile_id = $2::uuid
			    ON CONFLICT (profile_id, purpose) DO UPDATE
			    SET status = excluded.status, source = excluded.source, occurred_at = excluded.occurred_at,
			        expires_at = excluded.expires_at
			    WHERE consents.occurred_at < excluded.occurred_at),
			deleted_consents AS (
			    DELETE FROM consents WHERE profile_id = $2::uuid),
			moved_history AS (
			    UPDATE consent_history SET profile_id = $1::uuid WHERE profile_id = $2::uuid),
			moved_merges AS (
			    UPDATE merges SET survivor_id = $1::uuid WHERE survivor_id = $2::uuid),
			moved_conflicts AS (
			    UPDATE identity_conflicts SET profile_id = $1::uuid WHERE profile_id = $2::uuid),
			seen AS (
			    UPDATE profiles s SET first_seen_at = least(s.first_seen_at, m.first_seen_at),
			        last_seen_at = greatest(s.last_seen_at, m.last_seen_at)
			    FROM profiles m WHERE s.id = $1::uuid AND m.id = $2::uuid),
			tombstone AS (
			    UPDATE profiles SET merged_into = $1::uuid, merged_at = $3::timestamptz WHERE id = $2::uuid),
			recorded AS (
			    INSERT INTO merges (id, survivor_id, merged_id, identity_type, merged_at)
			    VALUES ($4::uuid, $1::uuid, $2::uuid, $5, $3::timestamptz))
			SELECT 1
			""";

	private final DatabaseClient database;

	MergeWriter(DatabaseClient database) {
		this.database = database;
	}

	/** Applies the merges in order; emits their {@code merge} stream messages. */
	Mono<List<StreamMessage>> apply(List<Merge> merges, Instant now) {
		return Flux.fromIterable(merges).concatMap((merge) -> apply(merge, now)).collectList();
	}

	private Mono<StreamMessage> apply(Merge merge, Instant now) {
		Mono<Void> statement = this.database.sql(MERGE)
			.bind(0, merge.survivor())
			.bind(1, merge.merged())
			.bind(2, now.toString())
			.bind(3, TimeOrderedUuid.next())
			.bind(4, merge.identityType().name())
			.then();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("mergedId", merge.merged().toString());
		payload.put("identityType", merge.identityType().name());
		return statement.thenReturn(StreamMessage.of(MessageType.MERGE, merge.survivor(), now, payload));
	}

	/** Records a conflict unless the same one is already on record. */
	Mono<Void> conflict(Conflict conflict, Instant now) {
		UUID other = conflict.otherProfileId();
		DatabaseClient.GenericExecuteSpec spec = this.database.sql("""
				INSERT INTO identity_conflicts (profile_id, other_profile_id, identity_type, identity_value, reason,
				    occurred_at)
				SELECT $1, $2::uuid, $3, $4, $5, $6::timestamptz
				WHERE NOT EXISTS (SELECT 1 FROM identity_conflicts c WHERE c.profile_id = $1
				    AND c.other_profile_id IS NOT DISTINCT FROM $2::uuid AND c.identity_type = $3
				    AND c.identity_value = $4)
				""").bind(0, conflict.profileId());
		spec = (other != null) ? spec.bind(1, other) : spec.bindNull(1, UUID.class);
		return spec.bind(2, conflict.identifier().type().name())
			.bind(3, conflict.identifier().value())
			.bind(4, conflict.reason())
			.bind(5, now.toString())
			.then();
	}

}
