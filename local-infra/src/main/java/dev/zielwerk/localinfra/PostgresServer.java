package dev.zielwerk.localinfra;

import java.net.URI;

/**
 * Where a PostgreSQL server listens and how to log in to it; builds JDBC and R2DBC URLs
 * for one of its databases.
 */
public record PostgresServer(String host, int port, String user, String password) {

	/**
	 * Reads {@code postgresql://user:password@host:port/db} or the same with a
	 * {@code jdbc:} prefix; the database part is ignored (see {@link #databaseOf}).
	 */
	public static PostgresServer parse(String url) {
		URI uri = toUri(url);
		String user = "postgres";
		String password = "";
		String userInfo = uri.getUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			user = colon < 0 ? userInfo : userInfo.substring(0, colon);
			password = colon < 0 ? "" : userInfo.substring(colon + 1);
		}
		return new PostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password);
	}

	/**
	 * The database named in a PostgreSQL URL, or the fallback when the URL names none.
	 */
	public static String databaseOf(String url, String fallback) {
		String path = toUri(url).getPath();
		String name = (path != null && path.startsWith("/")) ? path.substring(1) : "";
		return name.isEmpty() ? fallback : name;
	}

	private static URI toUri(String url) {
		String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
		if (plain.startsWith("postgres://")) {
			plain = "postgresql://" + plain.substring("postgres://".length());
		}
		URI uri = URI.create(plain);
		if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException(
					"Not a PostgreSQL URL (expected postgresql://user[:password]@host[:port]/db): " + url);
		}
		return uri;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	public String r2dbcUrl(String database) {
		return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	/** {@code host:port}, for log lines. */
	public String address() {
		return this.host + ":" + this.port;
	}

	@Override
	public String toString() {
		// never print the password
		return "postgresql://" + this.user + "@" + address();
	}

}
