package dev.zielwerk.segment.membership;

import java.util.Map;

import dev.zielwerk.segment.store.RedisKeys;
import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * The membership changes of every instance, as published on the Redis channel
 * {@code <namespace>:segment-changes}: one Redis subscription per instance, shared by
 * every GraphQL subscriber.
 */
@Component
public final class MembershipChanges implements DisposableBean {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final ReactiveRedisMessageListenerContainer container;

	private final Flux<Map<String, Object>> changes;

	MembershipChanges(ReactiveRedisConnectionFactory connections, RedisKeys keys, JsonMapper json) {
		this.container = new ReactiveRedisMessageListenerContainer(connections);
		this.changes = this.container.receive(ChannelTopic.of(keys.segmentChanges()))
			.map((message) -> json.readValue(message.getMessage(), MAP))
			.share();
	}

	@Override
	public void destroy() {
		this.container.destroy();
	}

	/**
	 * Changes as they are published: segmentId, key, profileId, change (ENTERED or
	 * EXITED), at, reason.
	 * @return a hot stream of changes
	 */
	public Flux<Map<String, Object>> changes() {
		return this.changes;
	}

}
