package dev.zielwerk.segment.segments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.zielwerk.segment.error.InvalidInputException;
import dev.zielwerk.segment.error.InvalidRuleException;
import dev.zielwerk.segment.error.NotFoundException;
import dev.zielwerk.segment.rule.ParseResult;
import dev.zielwerk.segment.rule.RuleJson;
import dev.zielwerk.segment.rule.RuleValidator;
import dev.zielwerk.segment.rule.SegmentCatalog;
import dev.zielwerk.segment.store.RedisKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The life cycle of segments. A new or changed rule is validated against the current
 * segments (references exist, no cycles); saving it sets the segment COMPUTING and, once
 * committed, announces {@link SegmentChanged} so the batch computes the membership.
 */
@Service
public final class SegmentService {

	private static final Logger log = LoggerFactory.getLogger(SegmentService.class);

	private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

	private final SegmentRepository segments;

	private final SegmentDefinitions definitions;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final ApplicationEventPublisher events;

	private final ReactiveStringRedisTemplate redis;

	private final RedisKeys keys;

	private final JsonMapper json;

	private final Clock clock;

	SegmentService(SegmentRepository segments, SegmentDefinitions definitions, DatabaseClient database,
			TransactionalOperator transactions, ApplicationEventPublisher events, ReactiveStringRedisTemplate redis,
			RedisKeys keys, JsonMapper json, Clock clock) {
		this.segments = segments;
		this.definitions = definitions;
		this.database = database;
		this.transactions = transactions;
		this.events = events;
		this.redis = redis;
		this.keys = keys;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Parses and validates a rule against the current segments, saving nothing.
	 * @param rule the rule text
	 * @param key the segment it would belong to (for cycles), or null
	 * @return the result
	 */
	public Mono<ParseResult> validate(String rule, @Nullable String key) {
		return this.definitions.load().map((all) -> new RuleValidator(catalog(all)).check(rule, key));
	}

	public Mono<Segment> create(String key, String name, @Nullable String description, String rule) {
		return Mono.defer(() -> {
			if (!KEY.matcher(key).matches()) {
				throw new InvalidInputException("input.key",
						"a key is 1 to 100 lower-case letters, digits, '_' or '-', starting with a letter or digit");
			}
			requireName(name);
			return validated(rule, key, "input.rule").flatMap((result) -> {
				Instant now = this.clock.instant();
				Segment segment = new Segment(UUID.randomUUID(), key, name.strip(), description, rule, astJson(result),
						SegmentStatus.COMPUTING, 0, 1, now, now);
				Mono<Segment> insert = this.segments.findByKey(key)
					.flatMap((existing) -> Mono.<Segment>error(
							new InvalidInputException("input.key", "a segment with key \"" + key + "\" exists")))
					.switchIfEmpty(this.segments.insert(segment).then(this.segments.findById(segment.id())));
				return this.transactions.transactional(insert);
			});
		}).doOnNext((segment) -> this.events.publishEvent(new SegmentChanged(segment.key())));
	}

	public Mono<Segment> update(UUID id, @Nullable String name, @Nullable String description, @Nullable String rule) {
		return find(id).flatMap((segment) -> {
			if (name != null) {
				requireName(name);
			}
			Mono<@Nullable ParseResult> checked = (rule != null) ? validated(rule, segment.key(), "input.rule")
					: Mono.empty();
			return checked.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((result) -> {
				boolean recompute = result.isPresent() && segment.status() != SegmentStatus.PAUSED;
				SegmentStatus status = recompute ? SegmentStatus.COMPUTING : segment.status();
				String text = (rule != null) ? rule : segment.ruleText();
				String ast = result.map(this::astJson).orElse(segment.ruleAst());
				return this.segments
					.update(id, (name != null) ? name.strip() : segment.name(),
							(description != null) ? description : segment.description(), text, ast, status,
							this.clock.instant())
					.then(this.segments.findById(id))
					.doOnNext((saved) -> {
						if (recompute) {
							this.events.publishEvent(new SegmentChanged(saved.key()));
						}
					});
			});
		});
	}

	public Mono<Segment> pause(UUID id) {
		return find(id)
			.flatMap((segment) -> this.segments.setStatus(segment.key(), SegmentStatus.PAUSED, this.clock.instant())
				.then(this.segments.findById(id)));
	}

	/** Resumes a paused segment: its membership is computed afresh. */
	public Mono<Segment> resume(UUID id) {
		return find(id).flatMap((segment) -> {
			if (segment.status() != SegmentStatus.PAUSED) {
				return Mono.just(segment);
			}
			return this.segments.setStatus(segment.key(), SegmentStatus.COMPUTING, this.clock.instant())
				.then(this.segments.findById(id))
				.doOnNext((saved) -> this.events.publishEvent(new SegmentChanged(saved.key())));
		});
	}

	/**
	 * Deletes a segment no other segment refers to, with its memberships, schedule and
	 * history, and its Redis copy.
	 */
	public Mono<UUID> delete(UUID id) {
		return find(id).zipWith(this.definitions.load()).flatMap((found) -> {
			Segment segment = found.getT1();
			List<String> users = found.getT2()
				.dependentsOf(segment.key())
				.stream()
				.map(Definition::key)
				.filter((key) -> !key.equals(segment.key()))
				.toList();
			if (!users.isEmpty()) {
				return Mono.error(new InvalidInputException("id",
						"segments " + String.join(", ", users) + " refer to \"" + segment.key() + "\""));
			}
			Mono<List<UUID>> removed = this.database
				.sql("DELETE FROM memberships WHERE segment_key = $1 RETURNING profile_id")
				.bind(0, segment.key())
				.map((row) -> row.get("profile_id", UUID.class))
				.all()
				.collectList()
				.flatMap((members) -> this.database.sql("DELETE FROM evaluation_schedule WHERE segment_key = $1")
					.bind(0, segment.key())
					.then()
					.then(this.segments.delete(id))
					.thenReturn(members));
			return this.transactions.transactional(removed)
				.flatMap((members) -> forgetInRedis(segment.key(), members))
				.thenReturn(id);
		});
	}

	private Mono<Void> forgetInRedis(String key, List<UUID> members) {
		return Flux.fromIterable(members)
			.concatMap((member) -> this.redis.opsForSet().remove(this.keys.profileSegments(member), key))
			.then(this.redis.delete(this.keys.segmentMembers(key)))
			.then()
			.onErrorResume((ex) -> {
				log.warn("Redis copy of deleted segment {} not cleaned: {}", key, ex.toString());
				return Mono.empty();
			});
	}

	private Mono<Segment> find(UUID id) {
		return this.segments.findById(id)
			.switchIfEmpty(Mono.error(() -> new NotFoundException("no segment with id " + id)));
	}

	private Mono<ParseResult> validated(String rule, String key, String field) {
		return validate(rule, key).map((result) -> {
			if (!result.isValid()) {
				throw new InvalidRuleException(field, result.errors());
			}
			return result;
		});
	}

	private String astJson(ParseResult result) {
		return this.json.writeValueAsString(RuleJson.toJson(result.rule()));
	}

	private static void requireName(String name) {
		if (name.isBlank()) {
			throw new InvalidInputException("input.name", "a name must not be blank");
		}
	}

	static SegmentCatalog catalog(Definitions all) {
		Set<String> keys = all.ordered().stream().map(Definition::key).collect(Collectors.toSet());
		return new SegmentCatalog() {

			@Override
			public boolean exists(String key) {
				return keys.contains(key);
			}

			@Override
			public Set<String> references(String key) {
				Definition definition = all.get(key);
				return (definition != null) ? definition.index().segments() : Set.of();
			}

			@Override
			public Set<String> keys() {
				return keys;
			}

		};
	}

}
