package dev.zielwerk.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.zielwerk.localinfra.PostgresAdmin;
import dev.zielwerk.localinfra.PostgresServer;

/** Looks at a PostgreSQL server's catalogue. */
final class PostgresLookup {

	private final PostgresServer server;

	PostgresLookup(String url) {
		this.server = PostgresServer.parse(url);
	}

	boolean databaseExists(String name) throws SQLException {
		try (Connection connection = PostgresAdmin.connect(this.server, "postgres");
				PreparedStatement statement = connection
					.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			statement.setString(1, name);
			try (ResultSet result = statement.executeQuery()) {
				return result.next();
			}
		}
	}

}
