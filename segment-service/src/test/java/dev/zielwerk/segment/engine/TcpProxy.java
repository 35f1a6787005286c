package dev.zielwerk.segment.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * A TCP forwarder on 127.0.0.1 that a test can cut and restore, to take a server away
 * from the application under test without touching the server itself (which other tests
 * share). {@link #cut()} closes the listening socket and every forwarded connection;
 * {@link #restore()} listens on the same port again.
 */
final class TcpProxy implements AutoCloseable {

	private final String targetHost;

	private final int targetPort;

	private final int port;

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private volatile @Nullable ServerSocket server;

	TcpProxy(String targetHost, int targetPort) throws IOException {
		this.targetHost = targetHost;
		this.targetPort = targetPort;
		ServerSocket first = listen(0);
		this.port = first.getLocalPort();
		accept(first);
	}

	int port() {
		return this.port;
	}

	/** Refuses new connections and drops the open ones. */
	synchronized void cut() throws IOException {
		ServerSocket current = this.server;
		this.server = null;
		if (current != null) {
			current.close();
		}
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.sockets.clear();
	}

	/** Accepts and forwards connections again, on the same port. */
	synchronized void restore() throws IOException {
		if (this.server == null) {
			accept(listen(this.port));
		}
	}

	@Override
	public void close() throws IOException {
		cut();
	}

	private static ServerSocket listen(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		return socket;
	}

	private void accept(ServerSocket listening) {
		this.server = listening;
		Thread.ofVirtual().name("proxy-accept").start(() -> {
			while (!listening.isClosed()) {
				try {
					Socket client = listening.accept();
					Socket target = new Socket(this.targetHost, this.targetPort);
					this.sockets.add(client);
					this.sockets.add(target);
					pump(client, target);
					pump(target, client);
				}
				catch (IOException ex) {
					// closed by cut()
				}
			}
		});
	}

	private void pump(Socket from, Socket to) {
		Thread.ofVirtual().name("proxy-pump").start(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side closed
			}
			finally {
				close(from);
				close(to);
			}
		});
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
