package dev.zielwerk.segment.engine;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import dev.zielwerk.segment.store.RedisKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GraphQL calls, stream writes and membership reads shared by the engine ITs. */
final class EngineFixture {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The engine's consumer group (application.yaml). */
	private static final String GROUP = "segment-service";

	final WebTestClient client;

	final DatabaseClient database;

	final ReactiveStringRedisTemplate redis;

	final RedisKeys keys;

	final StreamMessages stream;

	EngineFixture(WebTestClient client, DatabaseClient database, ReactiveStringRedisTemplate redis, RedisKeys keys) {
		this.client = client;
		this.database = database;
		this.redis = redis;
		this.keys = keys;
		this.stream = new StreamMessages(redis, keys);
	}

	JsonNode graphql(String query, Map<String, Object> variables) {
		String body = this.client.post()
			.uri("/graphql")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("query", query, "variables", variables))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).isNotNull();
		return JSON.readTree(body);
	}

	/** Creates a segment through GraphQL and waits until its batch has made it ACTIVE. */
	String createSegment(String key, String rule) {
		JsonNode answer = graphql("""
				mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id key status } }
				""", Map.of("input", Map.of("key", key, "name", "Segment " + key, "rule", rule)));
		assertThat(answer.path("errors").isMissingNode()).as(answer.toString()).isTrue();
		assertThat(answer.at("/data/createSegment/status").asString()).isIn("COMPUTING", "ACTIVE");
		awaitActive(key);
		return answer.at("/data/createSegment/id").asString();
	}

	/**
	 * Waits until the segment is ACTIVE and its computation finished: the profiles that
	 * changed meanwhile are evaluated again after it became ACTIVE.
	 */
	void awaitActive(String key) {
		await().atMost(Duration.ofSeconds(20)).until(() -> "ACTIVE".equals(status(key)) && count("""
				SELECT count(*) FROM segments s JOIN segment_computations c ON c.segment_id = s.id
				WHERE s.key = $1 AND c.finished_at IS NOT NULL AND c.version = s.version
				""", key) == 1);
	}

	String status(String key) {
		return this.database.sql("SELECT status FROM segments WHERE key = $1")
			.bind(0, key)
			.map((row) -> row.get(0, String.class))
			.one()
			.defaultIfEmpty("")
			.block();
	}

	/**
	 * Waits until the message is applied and every stream entry is acknowledged. The
	 * commit alone is not enough: the Redis sets and pub/sub follow it, and the entry is
	 * acknowledged only after them, so a test comparing the Redis copy right after the
	 * commit races the engine's own writes.
	 */
	void awaitProcessed(UUID messageId) {
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.database.sql("SELECT count(*) FROM processed_messages WHERE message_id = $1")
				.bind(0, messageId)
				.map((row) -> row.get(0, Long.class))
				.one()
				.block() == 1L);
		awaitAcknowledged();
	}

	/**
	 * Waits until every entry of the stream was delivered to the group and acknowledged.
	 */
	void awaitAcknowledged() {
		String stream = this.keys.profileStream();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			String last = this.redis.opsForStream().info(stream).map((info) -> info.lastGeneratedId()).block();
			return Boolean.TRUE.equals(this.redis.opsForStream()
				.groups(stream)
				.filter((group) -> GROUP.equals(group.groupName()))
				.map((group) -> group.pendingCount() == 0 && group.lastDeliveredId().equals(last))
				.next()
				.defaultIfEmpty(false)
				.block());
		});
	}

	Set<UUID> members(String key) {
		return this.database.sql("SELECT profile_id FROM memberships WHERE segment_key = $1")
			.bind(0, key)
			.map((row) -> row.get(0, UUID.class))
			.all()
			.collect(TreeSet<UUID>::new, Set::add)
			.block();
	}

	Set<UUID> redisMembers(String key) {
		return this.redis.opsForSet()
			.members(this.keys.segmentMembers(key))
			.map(UUID::fromString)
			.collect(TreeSet<UUID>::new, Set::add)
			.block();
	}

	Set<String> redisSegments(UUID profile) {
		return this.redis.opsForSet()
			.members(this.keys.profileSegments(profile))
			.collect(TreeSet<String>::new, Set::add)
			.block();
	}

	long count(String sql, Object... parameters) {
		DatabaseClient.GenericExecuteSpec spec = this.database.sql(sql);
		for (int i = 0; i < parameters.length; i++) {
			spec = spec.bind(i, parameters[i]);
		}
		Long count = spec.map((row) -> row.get(0, Long.class)).one().block();
		return (count != null) ? count : 0;
	}

}
