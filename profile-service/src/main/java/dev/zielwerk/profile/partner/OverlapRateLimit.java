package dev.zielwerk.profile.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.zielwerk.profile.error.DeniedException;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * At most {@code overlap-queries} overlap queries per partner per fixed window, counted
 * in Redis so that every instance shares the count. It fails closed: when Redis does not
 * answer within {@code redis-timeout} the query is refused ({@code UNAVAILABLE}), because
 * an unlimited overlap endpoint is exactly what a differencing attack needs.
 */
@Component
final class OverlapRateLimit {

	private static final RedisScript<Long> COUNT = RedisScript.of("""
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return n
			""", Long.class);

	private final ReactiveStringRedisTemplate redis;

	private final PartnerProperties properties;

	private final String namespace;

	private final Clock clock;

	@Autowired
	OverlapRateLimit(ReactiveStringRedisTemplate redis, PartnerProperties properties,
			@Value("${zielwerk.redis.namespace:zw}") String namespace) {
		this(redis, properties, namespace, Clock.systemUTC());
	}

	OverlapRateLimit(ReactiveStringRedisTemplate redis, PartnerProperties properties, String namespace, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.namespace = namespace;
		this.clock = clock;
	}

	/**
	 * Counts one query of the partner; errors with {@code RATE_LIMITED} when the window's
	 * budget is spent and with {@code UNAVAILABLE} when the count cannot be kept.
	 */
	Mono<Void> acquire(String partnerId) {
		long windowMillis = this.properties.overlapWindow().toMillis();
		Instant now = this.clock.instant();
		long window = now.toEpochMilli() / windowMillis;
		String key = this.namespace + ":{partner:" + partnerId + "}:overlap:" + window;
		return this.redis.execute(COUNT, List.of(key), List.of(Long.toString(windowMillis)))
			.next()
			.timeout(this.properties.redisTimeout())
			.onErrorMap((ex) -> DeniedException.unavailable("the overlap rate limit cannot be checked (Redis: "
					+ ex.getClass().getSimpleName() + "), so no overlap is answered"))
			.switchIfEmpty(Mono.error(() -> DeniedException.unavailable("the overlap rate limit cannot be checked")))
			.flatMap((count) -> {
				if (count > this.properties.overlapQueries()) {
					Instant reset = Instant.ofEpochMilli((window + 1) * windowMillis);
					return Mono.error(DeniedException.rateLimited("partner " + partnerId + " has used its "
							+ this.properties.overlapQueries() + " overlap queries per "
							+ this.properties.overlapWindow() + "; the next window opens at " + reset));
				}
				return Mono.empty();
			});
	}

}
