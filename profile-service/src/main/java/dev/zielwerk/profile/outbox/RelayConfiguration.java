package dev.zielwerk.profile.outbox;

import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Wires the outbox relay. */
@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

	@Bean
	OutboxRelay outboxRelay(ConnectionFactory connectionFactory, ReactiveStringRedisTemplate redis,
			RelayProperties properties, @Value("${zielwerk.redis.namespace}") String namespace) {
		return new OutboxRelay(unpooled(connectionFactory),
				new StreamAppender(redis, new StreamKeys(namespace), properties), properties);
	}

	/**
	 * The factory behind the pool: the relay holds its session for as long as it runs, so
	 * it should not take one of the pool's connections, and it needs the driver's own
	 * connection to LISTEN. The unwrapped factory keeps every option of the pooled one,
	 * including the {@code profile} schema.
	 */
	static ConnectionFactory unpooled(ConnectionFactory factory) {
		ConnectionFactory target = factory;
		while (target instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner
				&& inner != target) {
			target = inner;
		}
		return target;
	}

}
