package dev.zielwerk.localinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * Asks a configured server whether it answers, within a short timeout. "Does not answer"
 * means nobody speaks the protocol there; a server that answers but refuses the login is
 * a configuration mistake and is reported as such instead of silently replaced.
 */
final class Probes {

	private Probes() {
	}

	/** Why a server is unusable, or an empty string when it answers. */
	static String postgres(PostgresServer server, Duration timeout) {
		Properties login = new Properties();
		login.setProperty("user", server.user());
		login.setProperty("password", server.password());
		String seconds = Long.toString(Math.max(1, timeout.toSeconds()));
		login.setProperty("connectTimeout", seconds);
		login.setProperty("loginTimeout", seconds);
		login.setProperty("socketTimeout", seconds);
		// the maintenance database: the configured one may not exist yet
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), login)) {
			return connection.isValid((int) Math.max(1, timeout.toSeconds())) ? "" : "the connection is not valid";
		}
		catch (SQLException ex) {
			String state = (ex.getSQLState() != null) ? ex.getSQLState() : "";
			if (state.startsWith("08")) {
				return "no answer (" + ex.getMessage() + ")";
			}
			throw new IllegalStateException("PostgreSQL at " + server.address() + " answers but refuses "
					+ server.user() + ": " + ex.getMessage() + " (check ZW_POSTGRES_URL, or set ZW_INFRA=embedded)",
					ex);
		}
	}

	/** Why a server is unusable, or an empty string when it answers. */
	static String redis(RedisServer server, Duration timeout) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(server.host(), server.port()), (int) timeout.toMillis());
			socket.setSoTimeout((int) timeout.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
			// -NOAUTH is an answer too: Redis is there, it wants a password
			return (reply != null && (reply.startsWith("+PONG") || reply.startsWith("-NOAUTH"))) ? ""
					: "unexpected answer to PING: " + reply;
		}
		catch (IOException ex) {
			return "no answer (" + ex.getMessage() + ")";
		}
	}

}
