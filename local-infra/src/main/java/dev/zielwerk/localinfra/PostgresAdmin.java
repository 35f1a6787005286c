package dev.zielwerk.localinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The few administrative statements launchers and tests need, over plain JDBC. */
public final class PostgresAdmin {

	private PostgresAdmin() {
	}

	/** Opens a JDBC connection to one database of the server. */
	public static Connection connect(PostgresServer server, String database) throws SQLException {
		Properties login = new Properties();
		login.setProperty("user", server.user());
		login.setProperty("password", server.password());
		return DriverManager.getConnection(server.jdbcUrl(database), login);
	}

	/**
	 * Creates the database unless it exists.
	 * @return whether it was created
	 */
	public static boolean createDatabaseIfMissing(PostgresServer server, String database) {
		checkName(database);
		try (Connection connection = connect(server, "postgres");
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, database);
			try (ResultSet result = exists.executeQuery()) {
				if (result.next()) {
					return false;
				}
			}
			try (Statement create = connection.createStatement()) {
				create.execute("CREATE DATABASE \"" + database + "\"");
			}
			return true;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database + " on " + server, ex);
		}
	}

	private static void checkName(String database) {
		// names go into DDL, which cannot take bind parameters
		if (!database.matches("[A-Za-z0-9_]{1,63}")) {
			throw new IllegalArgumentException("Database names are letters, digits and _ (at most 63): " + database);
		}
	}

}
