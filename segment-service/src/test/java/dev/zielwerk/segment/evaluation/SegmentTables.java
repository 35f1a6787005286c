package dev.zielwerk.segment.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.segment.rule.ConsentPurpose;

/**
 * Writes profile states to the tables of schema {@code segment} and runs compiled
 * queries.
 */
final class SegmentTables {

	private final Connection connection;

	SegmentTables(Connection connection) {
		this.connection = connection;
	}

	void replaceAll(List<ProfileState> profiles) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("truncate segment.profiles cascade");
		}
		try (PreparedStatement profile = this.connection
			.prepareStatement("insert into segment.profiles (profile_id, traits) values (?, ?::jsonb)");
				PreparedStatement event = this.connection.prepareStatement(
						"insert into segment.profile_events (event_id, profile_id, name, occurred_at, properties) "
								+ "values (?, ?, ?, ?::timestamptz, ?::jsonb)");
				PreparedStatement consent = this.connection.prepareStatement(
						"insert into segment.profile_consents (profile_id, purpose, status, expires_at, decided_at) "
								+ "values (?, ?, ?, ?::timestamptz, now())");
				PreparedStatement membership = this.connection.prepareStatement(
						"insert into segment.memberships (segment_key, profile_id, since) values (?, ?, now())")) {
			for (ProfileState state : profiles) {
				profile.setObject(1, state.profileId());
				profile.setString(2, Profiles.JSON.writeValueAsString(state.traits()));
				profile.addBatch();
				for (ProfileState.Event each : state.events()) {
					event.setObject(1, UUID.randomUUID());
					event.setObject(2, state.profileId());
					event.setString(3, each.name());
					event.setString(4, IsoInstants.sqlText(each.occurredAt()));
					event.setString(5, Profiles.JSON.writeValueAsString(each.properties()));
					event.addBatch();
				}
				for (Map.Entry<ConsentPurpose, ProfileState.Consent> each : state.consents().entrySet()) {
					Instant expiresAt = each.getValue().expiresAt();
					consent.setObject(1, state.profileId());
					consent.setString(2, each.getKey().name());
					consent.setString(3, each.getValue().status().name());
					consent.setString(4, (expiresAt != null) ? IsoInstants.sqlText(expiresAt) : null);
					consent.addBatch();
				}
				for (String key : state.memberships()) {
					membership.setString(1, key);
					membership.setObject(2, state.profileId());
					membership.addBatch();
				}
			}
			profile.executeBatch();
			event.executeBatch();
			consent.executeBatch();
			membership.executeBatch();
		}
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("analyze");
		}
	}

	Map<UUID, List<Boolean>> memberColumns(CompiledQuery query, Instant now, int rules) throws SQLException {
		try (PreparedStatement statement = prepare(query, now); ResultSet rows = statement.executeQuery()) {
			Map<UUID, List<Boolean>> members = new HashMap<>();
			while (rows.next()) {
				List<Boolean> columns = new ArrayList<>();
				for (int i = 0; i < rules; i++) {
					columns.add(rows.getBoolean(i + 2));
				}
				members.put(rows.getObject(1, UUID.class), columns);
			}
			return members;
		}
	}

	/**
	 * The rows of a batch query over every profile id: per profile, per rule, whether it
	 * is a member and its next change (null for none).
	 */
	Map<UUID, List<Map.Entry<Boolean, Optional<Instant>>>> batchColumns(CompiledQuery query, Instant now, int rules)
			throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(query.jdbcSql())) {
			List<Object> parameters = query.jdbcParameters(now, new UUID(0, 0), new UUID(-1, -1));
			for (int i = 0; i < parameters.size(); i++) {
				statement.setObject(i + 1, parameters.get(i));
			}
			try (ResultSet rows = statement.executeQuery()) {
				Map<UUID, List<Map.Entry<Boolean, Optional<Instant>>>> result = new HashMap<>();
				while (rows.next()) {
					List<Map.Entry<Boolean, Optional<Instant>>> columns = new ArrayList<>();
					for (int i = 0; i < rules; i++) {
						java.time.OffsetDateTime next = rows.getObject(2 * i + 3, java.time.OffsetDateTime.class);
						columns.add(Map.entry(rows.getBoolean(2 * i + 2),
								Optional.ofNullable(next).map(java.time.OffsetDateTime::toInstant)));
					}
					result.put(rows.getObject(1, UUID.class), columns);
				}
				return result;
			}
		}
	}

	Set<UUID> members(CompiledQuery query, Instant now) throws SQLException {
		try (PreparedStatement statement = prepare(query, now); ResultSet rows = statement.executeQuery()) {
			Set<UUID> members = new HashSet<>();
			while (rows.next()) {
				members.add(rows.getObject(1, UUID.class));
			}
			return members;
		}
	}

	private PreparedStatement prepare(CompiledQuery query, Instant now) throws SQLException {
		PreparedStatement statement = this.connection.prepareStatement(query.jdbcSql());
		List<Object> parameters = query.jdbcParameters(now);
		for (int i = 0; i < parameters.size(); i++) {
			statement.setObject(i + 1, parameters.get(i));
		}
		return statement;
	}

}
