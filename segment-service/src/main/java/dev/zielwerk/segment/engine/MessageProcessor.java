package dev.zielwerk.segment.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import dev.zielwerk.segment.membership.MembershipChange;
import dev.zielwerk.segment.membership.MembershipWriter;
import dev.zielwerk.segment.rule.ConsentPurpose;
import dev.zielwerk.segment.rule.RuleIndex;
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
 * Applies one stream message in one transaction: records its id (a second message with
 * the same id does nothing), updates the profile's state, re-evaluates only the segments
 * the message can affect (and those referring to them), then, after commit, publishes the
 * membership changes.
 */
@Component
public final class MessageProcessor {

	private static final Logger log = LoggerFactory.getLogger(MessageProcessor.class);

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final ProfileLocks locks;

	private final StateWriter state;

	private final SegmentDefinitions definitions;

	private final Reevaluator reevaluator;

	private final MembershipWriter writer;

	private final Clock clock;

	MessageProcessor(DatabaseClient database, TransactionalOperator transactions, ProfileLocks locks, StateWriter state,
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
	 * Processes a message, retrying a few times on failures such as a deadlock.
	 * @param message the message
	 * @return the membership changes it caused (empty for a duplicate)
	 */
	Mono<List<MembershipChange>> process(StreamEnvelope message) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			Mono<List<MembershipChange>> work = claim(message.id())
				.flatMap((fresh) -> fresh ? apply(message, now) : Mono.just(List.<MembershipChange>of()));
			return this.transactions.transactional(work);
		})
			.retryWhen(Retry.backoff(3, Duration.ofMillis(50)))
			.flatMap((changes) -> this.writer.publish(changes).thenReturn(changes));
	}

	private Mono<Boolean> claim(UUID messageId) {
		return this.database.sql("INSERT INTO processed_messages (message_id) VALUES ($1) ON CONFLICT DO NOTHING")
			.bind(0, messageId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows > 0);
	}

	private Mono<List<MembershipChange>> apply(StreamEnvelope message, Instant now) {
		UUID profile = message.profileId();
		JsonNode payload = message.payload();
		return switch (message.type()) {
			case "event" -> {
				String name = text(payload.get("name"));
				UUID eventId = UUID.fromString(payload.required("eventId").asString());
				yield touched(profile,
						this.state.insertEvent(profile, eventId, name, message.occurredAt(), payload.path("properties"))
							.thenReturn((Predicate<RuleIndex>) (index) -> (name != null) ? index.readsEvent(name)
									: index.anyEvent()),
						now, "event:" + ((name != null) ? name : "any"));
			}
			case "traits" -> touched(profile, this.state.mergeTraits(profile, payload.path("traits"))
				.map((paths) -> (index) -> paths.stream().anyMatch(index::readsTrait)), now, "traits");
			case "consent" -> {
				ConsentPurpose purpose = ConsentPurpose.valueOf(payload.required("purpose").asString());
				String expires = text(payload.get("expiresAt"));
				yield touched(profile, this.state
					.upsertConsent(profile, purpose.name(), payload.required("status").asString(),
							(expires != null) ? OffsetDateTime.parse(expires).toInstant() : null, message.occurredAt())
					.thenReturn((Predicate<RuleIndex>) (index) -> index.purposes().contains(purpose)), now,
						"consent:" + purpose.name());
			}
			case "merge" -> merge(profile, UUID.fromString(payload.required("mergedId").asString()), now);
			case "erase" -> {
				List<UUID> erased = new ArrayList<>(List.of(profile));
				payload.path("mergedIds").forEach((id) -> erased.add(UUID.fromString(id.asString())));
				yield erase(erased, now);
			}
			default -> {
				log.warn("Ignoring stream message {} of unknown type {}", message.id(), message.type());
				yield Mono.just(List.of());
			}
		};
	}

	/**
	 * Locks the profile, creates its row when new, applies the change, and re-evaluates
	 * the segments it can affect; a new profile is evaluated against every segment, since
	 * an empty profile can match ({@code not traits.x exists}).
	 */
	private Mono<List<MembershipChange>> touched(UUID profile, Mono<Predicate<RuleIndex>> change, Instant now,
			String reason) {
		return this.locks.lock(List.of(profile))
			.then(this.state.ensureProfile(profile))
			.flatMap((created) -> change
				.flatMap((selector) -> reevaluate(profile, created ? (index) -> true : selector, now, reason)));
	}

	private Mono<List<MembershipChange>> merge(UUID survivor, UUID merged, Instant now) {
		if (survivor.equals(merged)) {
			return Mono.just(List.of());
		}
		return this.locks.lock(List.of(survivor, merged))
			.then(this.state.ensureProfile(survivor))
			.then(this.writer.removeEverywhere(merged, now, "merge"))
			.flatMap((exits) -> this.state.moveState(merged, survivor)
				.then(this.state.deleteProfile(merged))
				.then(reevaluate(survivor, (index) -> true, now, "merge"))
				.map((changes) -> concat(exits, changes)));
	}

	private Mono<List<MembershipChange>> erase(List<UUID> profiles, Instant now) {
		return this.locks.lock(profiles)
			.thenMany(Flux.fromIterable(profiles)
				.concatMap((id) -> this.writer.removeEverywhere(id, now, "erase")
					.flatMap((exits) -> this.writer.forgetHistory(id)
						.then(this.state.deleteProfile(id))
						.thenReturn(exits))))
			.collectList()
			.map((lists) -> lists.stream().flatMap(List::stream).toList());
	}

	private Mono<List<MembershipChange>> reevaluate(UUID profile, Predicate<RuleIndex> selector, Instant now,
			String reason) {
		return this.definitions.load()
			.flatMap((all) -> this.reevaluator.reevaluate(profile, all.affected(selector), now, reason));
	}

	private static List<MembershipChange> concat(List<MembershipChange> first, List<MembershipChange> second) {
		List<MembershipChange> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		return (node == null || node.isNull()) ? null : node.asString();
	}

}
