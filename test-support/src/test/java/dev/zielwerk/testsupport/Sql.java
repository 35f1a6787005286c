package dev.zielwerk.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.zielwerk.localinfra.PostgresAdmin;
import dev.zielwerk.localinfra.PostgresServer;

import static org.assertj.core.api.Assertions.assertThat;

/** One-value queries for tests. */
final class Sql {

	private Sql() {
	}

	static String queryOne(PostgresServer server, String database, String sql) throws SQLException {
		try (Connection connection = PostgresAdmin.connect(server, database);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			assertThat(result.next()).isTrue();
			return result.getString(1);
		}
	}

}
