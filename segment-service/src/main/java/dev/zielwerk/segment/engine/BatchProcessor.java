package dev.zielwerk.segment.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import dev.zielwerk.segment.membership.MembershipChange;
import dev.zielwerk.segment.membership.MembershipWriter;
import dev.zielwerk.segment.rule.ConsentPurpose;
import dev.zielwerk.segment.rule.RuleIndex;
import dev.zielwerk.segment.segments.Definitions;
import dev.zielwerk.segment.segments.SegmentDefinitions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Applies the event, traits and consent messages of one stream read together, in one
 * transaction with set-based statements: their ids (a message already applied, or twice
 * in the read, counts once), the locks and rows of all their profiles, their events; then
 * traits and consents in stream order; then each touched profile is re-evaluated once,
 * against the segments any of its messages can affect, over its state after all of them
 * (what a recomputation at that instant gives). Changes are published after commit.
 * Merges and erasures go through {@link MessageProcessor}, one at a time.
 */
@Component
final class BatchProcessor {

	private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

	/** The types applied here; merges and erasures never reach this class. */
	static final Set<String> APPLIED = Set.of("event", "traits", "consent");

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final ProfileLocks locks;

	private final StateWriter state;

	private final SegmentDefinitions definitions;

	private final Reevaluator reevaluator;

	private final MembershipWriter writer;

	private final Clock clock;

	BatchProcessor(DatabaseClient database, TransactionalOperator transactions, ProfileLocks locks, StateWriter state,
			SegmentDefinitions definitions, Reevaluator reevaluator, MembershipWriter writer, Clock clock) {
		this.database = database;
		this.transactions = transactions;
		this.locks = locks;
		this.state = state;
		this.definitions = definitions;
		this.reevaluator = reevaluator;
		this.writer = writer;
		this.clock = clock;
	}

	/**
	 * Applies messages, none of them a merge or an erasure, retrying the whole
	 * transaction a few times on failures such as a deadlock.
	 * @param messages the messages in stream order
	 * @return the membership changes, committed and published
	 */
	Mono<List<MembershipChange>> process(List<StreamEnvelope> messages) {
		if (messages.isEmpty()) {
			return Mono.just(List.of());
		}
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return this.transactions.transactional(apply(messages, this.clock.instant()))
				.doOnNext((changes) -> log.debug("Committed {} messages in {} ms", messages.size(),
						(System.nanoTime() - started) / 1_000_000));
		})
			.retryWhen(Retry.backoff(3, Duration.ofMillis(50)))
			.flatMap((changes) -> this.writer.publish(changes).thenReturn(changes));
	}

	private Mono<List<MembershipChange>> apply(List<StreamEnvelope> messages, Instant now) {
		return claim(messages).flatMap((fresh) -> {
			if (fresh.isEmpty()) {
				return Mono.just(List.<MembershipChange>of());
			}
			Map<UUID, Touch> touched = new LinkedHashMap<>();
			for (StreamEnvelope message : fresh) {
				if (APPLIED.contains(message.type())) {
					touched.computeIfAbsent(message.profileId(), (id) -> new Touch());
				}
				else {
					log.warn("Ignoring stream message {} of unknown type {}", message.id(), message.type());
				}
			}
			if (touched.isEmpty()) {
				return Mono.just(List.<MembershipChange>of());
			}
			List<StateWriter.NewEvent> events = new ArrayList<>();
			for (StreamEnvelope message : fresh) {
				if ("event".equals(message.type())) {
					JsonNode payload = message.payload();
					events.add(new StateWriter.NewEvent(UUID.fromString(payload.required("eventId").asString()),
							message.profileId(), text(payload.get("name")), message.occurredAt(),
							payload.path("properties")));
				}
			}
			return this.locks.lock(touched.keySet())
				.then(this.state.ensureProfiles(touched.keySet()))
				.flatMap((created) -> this.state.insertEvents(events)
					.thenMany(Flux.fromIterable(fresh).concatMap((message) -> change(message, touched)))
					.then(this.definitions.load())
					.flatMap((all) -> this.reevaluator.reevaluateAll(work(all, touched, created), now)));
		});
	}

	/**
	 * Records the ids in one statement; the messages whose id was new, each once, in
	 * stream order.
	 */
	private Mono<List<StreamEnvelope>> claim(List<StreamEnvelope> messages) {
		UUID[] ids = messages.stream().map(StreamEnvelope::id).distinct().toArray(UUID[]::new);
		return this.database.sql("""
				INSERT INTO processed_messages (message_id) SELECT unnest($1::uuid[])
				ON CONFLICT DO NOTHING RETURNING message_id
				""")
			.bind(0, ids)
			.map((row) -> row.get("message_id", UUID.class))
			.all()
			.collectList()
			.map((inserted) -> {
				Set<@Nullable UUID> fresh = new HashSet<>(inserted);
				List<StreamEnvelope> result = new ArrayList<>();
				for (StreamEnvelope message : messages) {
					if (fresh.remove(message.id())) {
						result.add(message);
					}
				}
				return result;
			});
	}

	/**
	 * Applies a traits or consent message (events are already stored) and notes what it
	 * can affect.
	 */
	private Mono<Void> change(StreamEnvelope message, Map<UUID, Touch> touched) {
		Touch touch = touched.get(message.profileId());
		if (touch == null) {
			return Mono.empty();
		}
		JsonNode payload = message.payload();
		return switch (message.type()) {
			case "event" -> {
				String name = text(payload.get("name"));
				touch.add((name != null) ? (index) -> index.readsEvent(name) : RuleIndex::anyEvent,
						"event:" + ((name != null) ? name : "any"));
				yield Mono.empty();
			}
			case "traits" -> this.state.mergeTraits(message.profileId(), payload.path("traits"))
				.doOnNext((paths) -> touch.add((index) -> paths.stream().anyMatch(index::readsTrait), "traits"))
				.then();
			case "consent" -> {
				ConsentPurpose purpose = ConsentPurpose.valueOf(payload.required("purpose").asString());
				String expires = text(payload.get("expiresAt"));
				touch.add((index) -> index.purposes().contains(purpose), "consent:" + purpose.name());
				yield this.state.upsertConsent(message.profileId(), purpose.name(),
						payload.required("status").asString(),
						(expires != null) ? OffsetDateTime.parse(expires).toInstant() : null, message.occurredAt());
			}
			default -> Mono.empty();
		};
	}

	/**
	 * Per profile, the segments its messages can affect; a new profile is evaluated
	 * against every segment, since an empty profile can match
	 * ({@code not traits.x exists}).
	 */
	private static List<Reevaluator.Work> work(Definitions all, Map<UUID, Touch> touched, Set<UUID> created) {
		List<Reevaluator.Work> work = new ArrayList<>();
		touched.forEach((profile, touch) -> {
			Predicate<RuleIndex> selector = created.contains(profile) ? (index) -> true : touch.selector();
			work.add(new Reevaluator.Work(profile, all.affected(selector), touch.reason()));
		});
		return work;
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asString();
	}

	/** What one profile's messages in this read can affect, and why. */
	private static final class Touch {

		private final List<Predicate<RuleIndex>> selectors = new ArrayList<>();

		private final Set<String> reasons = new LinkedHashSet<>();

		void add(Predicate<RuleIndex> selector, String reason) {
			this.selectors.add(selector);
			this.reasons.add(reason);
		}

		Predicate<RuleIndex> selector() {
			return (index) -> this.selectors.stream().anyMatch((selector) -> selector.test(index));
		}

		String reason() {
			return (this.reasons.isEmpty()) ? "unknown" : String.join(",", this.reasons);
		}

	}

}
