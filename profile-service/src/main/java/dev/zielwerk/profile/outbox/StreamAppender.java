package dev.zielwerk.profile.outbox;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Appends outbox rows to the Redis stream with one script call per batch. The script sets
 * a de-duplication key per message before its {@code XADD} and keeps the entry id in it,
 * so running a batch again after a crash between append and mark-sent adds nothing and
 * answers the original entry ids.
 */
final class StreamAppender {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> APPEND = RedisScript.of(new ClassPathResource("outbox/append.lua"),
			List.class);

	private final ReactiveStringRedisTemplate redis;

	private final StreamKeys keys;

	private final String ttlSeconds;

	private final String maxLen;

	StreamAppender(ReactiveStringRedisTemplate redis, StreamKeys keys, RelayProperties properties) {
		this.redis = redis;
		this.keys = keys;
		this.ttlSeconds = Long.toString(properties.dedupTtl().toSeconds());
		this.maxLen = Long.toString(properties.maxLen());
	}

	StreamKeys keys() {
		return this.keys;
	}

	/** Appends the rows in list order; emits their stream entry ids in the same order. */
	Mono<List<String>> append(List<OutboxRow> rows) {
		List<String> scriptKeys = new ArrayList<>(rows.size() + 1);
		List<String> args = new ArrayList<>(rows.size() * 3 + 2);
		scriptKeys.add(this.keys.stream());
		args.add(this.ttlSeconds);
		args.add(this.maxLen);
		for (OutboxRow row : rows) {
			scriptKeys.add(this.keys.dedup(row.id()));
			args.add(row.envelope());
			args.add(row.type());
			args.add(row.profileId().toString());
		}
		return this.redis.execute(APPEND, scriptKeys, args).next().map((result) -> entryIds(result, rows.size()));
	}

	/**
	 * Drops the de-duplication keys of rows that are marked sent: they are never read
	 * again, and keeping a key per message for the whole TTL would cost Redis memory in
	 * proportion to throughput.
	 */
	Mono<Void> release(List<OutboxRow> rows) {
		String[] dedupKeys = rows.stream().map((row) -> this.keys.dedup(row.id())).toArray(String[]::new);
		return this.redis.unlink(dedupKeys).then();
	}

	private static List<String> entryIds(List<?> result, int expected) {
		if (result.size() != expected) {
			throw new IllegalStateException(
					"Stream append script answered " + result.size() + " ids for " + expected + " rows");
		}
		List<String> ids = new ArrayList<>(expected);
		for (Object id : result) {
			ids.add(String.valueOf(id));
		}
		return ids;
	}

}
