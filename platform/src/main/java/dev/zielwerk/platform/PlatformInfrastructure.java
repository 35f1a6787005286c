package dev.zielwerk.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.zielwerk.localinfra.PostgresServer;
import dev.zielwerk.localinfra.RedisServer;

/**
 * The PostgreSQL database and the Redis server every service of the platform uses, as the
 * Spring properties that point a service at them.
 */
record PlatformInfrastructure(PostgresServer postgres, String database, RedisServer redis) {

	Map<String, Object> properties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.r2dbc.url", this.postgres.r2dbcUrl(this.database));
		properties.put("spring.r2dbc.username", this.postgres.user());
		properties.put("spring.r2dbc.password", this.postgres.password());
		properties.put("spring.flyway.url", this.postgres.jdbcUrl(this.database));
		properties.put("spring.flyway.user", this.postgres.user());
		properties.put("spring.flyway.password", this.postgres.password());
		properties.put("spring.data.redis.url", this.redis.url());
		return properties;
	}

}
