package dev.zielwerk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy the benchmark controls: {@link #kill()} closes the listener and
 * every connection (clients then get "connection refused", as from a dead process),
 * {@link #slow(Duration)} delays every chunk coming back from the target,
 * {@link #restore()} listens again on the same port at full speed. One virtual thread per
 * direction of each connection.
 */
final class TcpProxy implements AutoCloseable {

	private final int port;

	private final int targetPort;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private volatile ServerSocket listener;

	private volatile long delayNanos;

	TcpProxy(int port, int targetPort) throws IOException {
		this.port = port;
		this.targetPort = targetPort;
		this.listener = listen();
	}

	private ServerSocket listen() throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		Thread.ofVirtual().name("proxy-accept-" + this.port).start(() -> accept(server));
		return server;
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				Socket target = new Socket(InetAddress.getLoopbackAddress(), this.targetPort);
				client.setTcpNoDelay(true);
				target.setTcpNoDelay(true);
				this.sockets.add(client);
				this.sockets.add(target);
				Thread.ofVirtual().start(() -> pump(client, target, false));
				Thread.ofVirtual().start(() -> pump(target, client, true));
			}
			catch (IOException ex) {
				// closed by kill(), or the target refused: the client sees its connection
				// close
			}
		}
	}

	private void pump(Socket from, Socket to, boolean delayed) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) >= 0) {
				long delay = this.delayNanos;
				if (delayed && delay > 0) {
					Thread.sleep(Duration.ofNanos(delay));
				}
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// one side went away
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			close(from);
			close(to);
		}
	}

	int port() {
		return this.port;
	}

	/** Like a killed process: nothing listens, every connection is closed. */
	void kill() {
		close(this.listener);
		this.sockets.forEach(TcpProxy::close);
	}

	/** Listens again if killed; every chunk from the target is delayed. */
	void slow(Duration delay) throws IOException {
		this.delayNanos = delay.toNanos();
		if (this.listener.isClosed()) {
			this.listener = listen();
		}
	}

	/** Listens again if killed, at full speed. */
	void restore() throws IOException {
		this.delayNanos = 0;
		if (this.listener.isClosed()) {
			this.listener = listen();
		}
	}

	@Override
	public void close() {
		kill();
	}

	private static void close(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already closed
		}
	}

}
