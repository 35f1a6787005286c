package dev.zielwerk.profile.outbox;

import java.util.UUID;

/**
 * The Redis keys of the profile stream. All carry the hash tag {@code {profile}} so the
 * stream and its de-duplication keys sit on one Redis Cluster slot, which the append
 * script needs.
 *
 * @param namespace prefix of every key ({@code zielwerk.redis.namespace})
 */
record StreamKeys(String namespace) {

	/** The stream every profile change is appended to. */
	String stream() {
		return this.namespace + ":{profile}:stream";
	}

	/** Marks one message as appended; its value is the message's stream entry id. */
	String dedup(UUID messageId) {
		return this.namespace + ":{profile}:dedup:" + messageId;
	}

}
