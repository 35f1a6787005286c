package dev.zielwerk.segment.store;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The Redis keys and channels of the service, all under {@code zielwerk.redis.namespace}.
 * Keys are hash-tagged so that Redis Cluster keeps what one command touches in one slot:
 * a segment's member set and its temporary rebuild copy share {@code {seg:<key>}}.
 */
@Component
public final class RedisKeys {

	private final String namespace;

	RedisKeys(@Value("${zielwerk.redis.namespace:zw}") String namespace) {
		this.namespace = namespace;
	}

	/** The profile stream written by profile-service. */
	public String profileStream() {
		return this.namespace + ":{profile}:stream";
	}

	/** Members of a segment: a set of profile ids. */
	public String segmentMembers(String segmentKey) {
		return this.namespace + ":{seg:" + segmentKey + "}:members";
	}

	/** Where a segment's member set is rebuilt before it replaces the live one. */
	public String segmentMembersRebuild(String segmentKey) {
		return this.namespace + ":{seg:" + segmentKey + "}:members:rebuild";
	}

	/** The segments of a profile: a set of segment keys. */
	public String profileSegments(UUID profileId) {
		return this.namespace + ":{profile:" + profileId + "}:segments";
	}

	/** Pattern of every per-profile set, for SCAN. */
	public String profileSegmentsPattern() {
		return this.namespace + ":{profile:*}:segments";
	}

	/** Present while the Redis copy of membership is complete; gone after a flush. */
	public String membershipBuilt() {
		return this.namespace + ":membership:built";
	}

	/** The pub/sub channel of membership changes. */
	public String segmentChanges() {
		return this.namespace + ":segment-changes";
	}

}
