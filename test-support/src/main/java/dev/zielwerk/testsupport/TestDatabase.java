package dev.zielwerk.testsupport;

import dev.zielwerk.localinfra.PostgresServer;

/** A database created for one test class on the shared test PostgreSQL server. */
public record TestDatabase(PostgresServer server, String name) {

	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	public String r2dbcUrl() {
		return this.server.r2dbcUrl(this.name);
	}

	public String user() {
		return this.server.user();
	}

	public String password() {
		return this.server.password();
	}

}
