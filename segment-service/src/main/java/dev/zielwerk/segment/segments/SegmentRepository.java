package dev.zielwerk.segment.segments;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.segment.store.Binds;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Reads and writes table {@code segments}. */
@Component
public final class SegmentRepository {

	private static final String COLUMNS = "id, key, name, description, rule_text, rule_ast::text AS rule_ast, status, size, version, created_at, updated_at";

	private final DatabaseClient database;

	SegmentRepository(DatabaseClient database) {
		this.database = database;
	}

	public Mono<Segment> findById(UUID id) {
		return this.database.sql("SELECT " + COLUMNS + " FROM segments WHERE id = $1")
			.bind(0, id)
			.map(SegmentRepository::segment)
			.one();
	}

	public Mono<Segment> findByKey(String key) {
		return this.database.sql("SELECT " + COLUMNS + " FROM segments WHERE key = $1")
			.bind(0, key)
			.map(SegmentRepository::segment)
			.one();
	}

	public Flux<Segment> findAll() {
		return this.database.sql("SELECT " + COLUMNS + " FROM segments ORDER BY key")
			.map(SegmentRepository::segment)
			.all();
	}

	public Flux<Segment> findByKeys(List<String> keys) {
		return this.database.sql("SELECT " + COLUMNS + " FROM segments WHERE key = ANY($1::text[])")
			.bind(0, keys.toArray(String[]::new))
			.map(SegmentRepository::segment)
			.all();
	}

	/**
	 * A page in key order.
	 * @param limit the most rows
	 * @param afterKey the last key of the previous page, or null for the first page
	 * @return the segments
	 */
	public Flux<Segment> page(int limit, @Nullable String afterKey) {
		String sql = "SELECT " + COLUMNS
				+ " FROM segments WHERE ($1::text IS NULL OR key > $1::text) ORDER BY key LIMIT $2";
		return Binds.nullable(this.database.sql(sql), 0, afterKey, String.class)
			.bind(1, limit)
			.map(SegmentRepository::segment)
			.all();
	}

	public Mono<Long> count() {
		return this.database.sql("SELECT count(*) FROM segments")
			.map((row) -> row.get(0, Long.class))
			.one()
			.map((count) -> (count != null) ? count : 0L);
	}

	public Flux<Segment> findByStatus(SegmentStatus status) {
		return this.database.sql("SELECT " + COLUMNS + " FROM segments WHERE status = $1 ORDER BY key")
			.bind(0, status.name())
			.map(SegmentRepository::segment)
			.all();
	}

	Mono<Void> insert(Segment segment) {
		return Binds.nullable(this.database.sql("""
				INSERT INTO segments (id, key, name, description, rule_text, rule_ast, status, size, version,
				    created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, 0, 1, $8, $8)
				"""), 3, segment.description(), String.class)
			.bind(0, segment.id())
			.bind(1, segment.key())
			.bind(2, segment.name())
			.bind(4, segment.ruleText())
			.bind(5, segment.ruleAst())
			.bind(6, segment.status().name())
			.bind(7, segment.createdAt())
			.then();
	}

	Mono<Void> update(UUID id, String name, @Nullable String description, String ruleText, String ruleAst,
			SegmentStatus status, Instant at) {
		return Binds.nullable(this.database.sql("""
				UPDATE segments SET name = $2, description = $3, rule_text = $4, rule_ast = $5::jsonb, status = $6,
				    version = version + 1, updated_at = $7
				WHERE id = $1
				"""), 2, description, String.class)
			.bind(0, id)
			.bind(1, name)
			.bind(3, ruleText)
			.bind(4, ruleAst)
			.bind(5, status.name())
			.bind(6, at)
			.then();
	}

	/**
	 * Sets the status.
	 * @param key the segment
	 * @param status the new status
	 * @param at when
	 * @return done
	 */
	public Mono<Void> setStatus(String key, SegmentStatus status, Instant at) {
		return this.database
			.sql("UPDATE segments SET status = $2, version = version + 1, updated_at = $3 WHERE key = $1")
			.bind(0, key)
			.bind(1, status.name())
			.bind(2, at)
			.then();
	}

	Mono<Void> delete(UUID id) {
		return this.database.sql("DELETE FROM segments WHERE id = $1").bind(0, id).then();
	}

	private static Segment segment(Readable row) {
		String description = row.get("description", String.class);
		return new Segment(required(row.get("id", UUID.class)), required(row.get("key", String.class)),
				required(row.get("name", String.class)), description, required(row.get("rule_text", String.class)),
				required(row.get("rule_ast", String.class)),
				SegmentStatus.valueOf(required(row.get("status", String.class))), required(row.get("size", Long.class)),
				required(row.get("version", Long.class)),
				required(row.get("created_at", OffsetDateTime.class)).toInstant(),
				required(row.get("updated_at", OffsetDateTime.class)).toInstant());
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("a NOT NULL column was null");
		}
		return value;
	}

}
