package dev.zielwerk.profile.erasure;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes already relayed entries of an erased person from the profile stream
 * ({@code <namespace>:{profile}:stream}), since their payloads may hold personal data.
 */
@Component
final class StreamEntryDeletion {

	private static final Logger log = LoggerFactory.getLogger(StreamEntryDeletion.class);

	private final ReactiveStringRedisTemplate redis;

	private final String streamKey;

	StreamEntryDeletion(ReactiveStringRedisTemplate redis, @Value("${zielwerk.redis.namespace:zw}") String namespace) {
		this.redis = redis;
		this.streamKey = namespace + ":{profile}:stream";
	}

	/**
	 * Deletes the entries; emits how many existed. A Redis failure is logged, not raised:
	 * the erasure in PostgreSQL is committed by then, and the {@code erase} message
	 * already tells every consumer to drop the person.
	 */
	Mono<Integer> delete(List<String> streamIds) {
		if (streamIds.isEmpty()) {
			return Mono.just(0);
		}
		RecordId[] ids = streamIds.stream().map(RecordId::of).toArray(RecordId[]::new);
		return this.redis.opsForStream().delete(this.streamKey, ids).map(Long::intValue).onErrorResume((ex) -> {
			log.error("Could not delete {} stream entries of an erased profile from {}", ids.length, this.streamKey,
					ex);
			return Mono.just(0);
		});
	}

}
