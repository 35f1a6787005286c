package dev.zielwerk.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The port of every service, known before any of them starts: the gateway needs the
 * subgraphs' URLs and connectors the gateway's, so with free ports they are chosen up
 * front rather than left to each server.
 */
record PlatformPorts(Map<String, Integer> ports) {

	static PlatformPorts fixed(Iterable<ServiceLaunch> services) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		services.forEach((service) -> ports.put(service.name(), service.port()));
		return new PlatformPorts(ports);
	}

	static PlatformPorts free(Iterable<ServiceLaunch> services) {
		Map<String, Integer> ports = new LinkedHashMap<>();
		services.forEach((service) -> ports.put(service.name(), freePort()));
		return new PlatformPorts(ports);
	}

	int port(String service) {
		Integer port = this.ports.get(service);
		if (port == null) {
			throw new IllegalArgumentException("No service " + service + " among " + this.ports.keySet());
		}
		return port;
	}

	/** The URL of a path of a service, e.g. {@code http://localhost:4001/graphql}. */
	String url(String service, String path) {
		return "http://localhost:" + port(service) + path;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free TCP port on the loopback interface", ex);
		}
	}

}
