package dev.zielwerk.localinfra;

import java.net.URI;

/** Where a Redis server listens. */
public record RedisServer(String host, int port) {

	/** Reads {@code redis://host:port} (a trailing database index is ignored). */
	public static RedisServer parse(String url) {
		URI uri = URI.create(url);
		if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException("Not a Redis URL (expected redis://host[:port]): " + url);
		}
		return new RedisServer(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
	}

	public String url() {
		return "redis://" + this.host + ":" + this.port;
	}

	/** {@code host:port}, for log lines. */
	public String address() {
		return this.host + ":" + this.port;
	}

}
