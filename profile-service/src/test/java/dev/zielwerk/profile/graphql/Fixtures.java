package dev.zielwerk.profile.graphql;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.zielwerk.profile.store.TimeOrderedUuid;
import io.r2dbc.postgresql.codec.Json;
import org.jspecify.annotations.Nullable;

import org.springframework.r2dbc.core.DatabaseClient;

/** Writes test rows straight into the profile schema. */
final class Fixtures {

	static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

	private final DatabaseClient database;

	Fixtures(DatabaseClient database) {
		this.database = database;
	}

	UUID profile(Instant lastSeenAt) {
		UUID id = TimeOrderedUuid.next();
		this.database.sql("INSERT INTO profiles (id, first_seen_at, last_seen_at) VALUES ($1, $2, $3)")
			.bind(0, id)
			.bind(1, T0)
			.bind(2, lastSeenAt)
			.then()
			.block();
		return id;
	}

	UUID mergedInto(UUID survivor, String identityType, Instant at) {
		UUID merged = profile(at);
		this.database.sql("UPDATE profiles SET merged_into = $1, merged_at = $2 WHERE id = $3")
			.bind(0, survivor)
			.bind(1, at)
			.bind(2, merged)
			.then()
			.block();
		this.database
			.sql("INSERT INTO merges (id, survivor_id, merged_id, identity_type, merged_at) "
					+ "VALUES ($1, $2, $3, $4, $5)")
			.bind(0, TimeOrderedUuid.next())
			.bind(1, survivor)
			.bind(2, merged)
			.bind(3, identityType)
			.bind(4, at)
			.then()
			.block();
		return merged;
	}

	void identity(UUID profile, String type, String value) {
		this.database
			.sql("INSERT INTO identities (type, value, profile_id, first_seen_at, source) "
					+ "VALUES ($1, $2, $3, $4, 'test')")
			.bind(0, type)
			.bind(1, value)
			.bind(2, profile)
			.bind(3, T0)
			.then()
			.block();
	}

	void trait(UUID profile, String group, String name, String jsonValue) {
		this.database
			.sql("INSERT INTO traits (profile_id, trait_group, name, value, source, party, updated_at) "
					+ "VALUES ($1, $2, $3, $4::jsonb, 'crm', 'FIRST', $5)")
			.bind(0, profile)
			.bind(1, group)
			.bind(2, name)
			.bind(3, Json.of(jsonValue))
			.bind(4, T0)
			.then()
			.block();
	}

	UUID event(UUID profile, String kind, String name, Instant occurredAt, String properties) {
		UUID id = TimeOrderedUuid.next();
		this.database.sql("INSERT INTO events (id, message_id, profile_id, kind, name, properties, context, "
				+ "occurred_at, received_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, '{\"ip\":\"10.0.0.1\"}', $7, $7)")
			.bind(0, id)
			.bind(1, "msg-" + id)
			.bind(2, profile)
			.bind(3, kind)
			.bind(4, name)
			.bind(5, Json.of(properties))
			.bind(6, occurredAt)
			.then()
			.block();
		return id;
	}

	void consent(UUID profile, String purpose, String status, Instant occurredAt, @Nullable Instant expiresAt) {
		for (String table : new String[] { "consents", "consent_history" }) {
			DatabaseClient.GenericExecuteSpec spec = this.database
				.sql("INSERT INTO " + table + " (profile_id, purpose, status, source, occurred_at, expires_at) "
						+ "VALUES ($1, $2, $3, 'CMP', $4, $5)")
				.bind(0, profile)
				.bind(1, purpose)
				.bind(2, status)
				.bind(3, occurredAt);
			spec = (expiresAt != null) ? spec.bind(4, expiresAt) : spec.bindNull(4, Instant.class);
			spec.then().block();
		}
	}

	void conflict(UUID profile, @Nullable UUID other, String type, String value) {
		DatabaseClient.GenericExecuteSpec spec = this.database
			.sql("INSERT INTO identity_conflicts (profile_id, other_profile_id, identity_type, identity_value, "
					+ "reason, occurred_at) VALUES ($1, $2, $3, $4, 'limit of one USER_ID', $5)")
			.bind(0, profile)
			.bind(2, type)
			.bind(3, value)
			.bind(4, T0.plus(Duration.ofHours(1)));
		spec = (other != null) ? spec.bind(1, other) : spec.bindNull(1, UUID.class);
		spec.then().block();
	}

	void outbox(UUID profile, String payload, @Nullable String streamId) {
		DatabaseClient.GenericExecuteSpec spec = this.database
			.sql("INSERT INTO outbox (id, type, profile_id, occurred_at, payload, sent_at, stream_id) "
					+ "VALUES ($1, 'traits', $2, $3, $4::jsonb, $5, $6)")
			.bind(0, TimeOrderedUuid.next())
			.bind(1, profile)
			.bind(2, T0)
			.bind(3, Json.of(payload));
		spec = (streamId != null) ? spec.bind(4, T0).bind(5, streamId)
				: spec.bindNull(4, Instant.class).bindNull(5, String.class);
		spec.then().block();
	}

}
