package dev.zielwerk.testsupport;

import dev.zielwerk.localinfra.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/** Talks to a Redis server the way the services do, through Lettuce. */
final class RedisPing {

	private RedisPing() {
	}

	static String ping(RedisServer server) {
		RedisClient client = RedisClient.create(server.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().ping();
		}
		finally {
			client.shutdown();
		}
	}

}
