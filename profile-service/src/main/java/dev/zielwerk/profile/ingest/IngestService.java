package dev.zielwerk.profile.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.identity.Claim;
import dev.zielwerk.profile.identity.IdentityResolver;
import dev.zielwerk.profile.identity.Resolution;
import dev.zielwerk.profile.ingest.MessageOutcome.Status;
import dev.zielwerk.profile.ingest.MessageValidator.Rejected;
import dev.zielwerk.profile.outbox.MessageType;
import dev.zielwerk.profile.outbox.Outbox;
import dev.zielwerk.profile.outbox.StreamMessage;
import dev.zielwerk.profile.store.TimeOrderedUuid;
import dev.zielwerk.profile.traits.Party;
import dev.zielwerk.profile.traits.TraitStore;
import dev.zielwerk.profile.traits.TraitUpdate;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Ingests Segment-spec messages; the entry point of the HTTP API and of the GraphQL
 * {@code identify}/{@code track} mutations. Invalid messages are rejected one by one with
 * the field and reason; the valid ones of the same call are committed in ONE transaction:
 * messageId claims, identity resolution (and merges), events, traits, consent and their
 * outbox messages. A lost race with a concurrent batch rolls back and retries the whole
 * transaction. The returned Mono emits only after the commit.
 */
@Service
public final class IngestService {

	private final MessageValidator validator;

	private final EventStore events;

	private final IdentityResolver identities;

	private final TraitStore traits;

	private final CategoryPreferences consent;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final boolean suppression;

	IngestService(MessageValidator validator, EventStore events, IdentityResolver identities, TraitStore traits,
			CategoryPreferences consent, Outbox outbox, TransactionalOperator transactions,
			@Value("${zielwerk.profile.suppression.enabled:true}") boolean suppression) {
		this.validator = validator;
		this.events = events;
		this.identities = identities;
		this.traits = traits;
		this.consent = consent;
		this.outbox = outbox;
		this.transactions = transactions;
		this.suppression = suppression;
	}

	/**
	 * Validates and commits the messages.
	 * @param messages the messages, in the order they were sent
	 * @param source provenance recorded on traits and identities (a write key's source
	 * name, or {@code graphql})
	 * @return one outcome per message, emitted after the commit
	 */
	public Mono<IngestResult> ingest(List<SegmentMessage> messages, String source) {
		return Mono.defer(() -> {
			Instant receivedAt = Instant.now();
			MessageOutcome[] outcomes = new MessageOutcome[messages.size()];
			List<Prepared> valid = new ArrayList<>();
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < messages.size(); i++) {
				switch (this.validator.validate(i, messages.get(i), receivedAt)) {
					case Rejected rejected -> outcomes[i] = rejected.outcome();
					case Prepared prepared -> {
						if (seen.add(prepared.messageId())) {
							valid.add(prepared);
						}
						else {
							outcomes[i] = MessageOutcome.dropped(i, prepared.messageId(), Status.DUPLICATE);
						}
					}
				}
			}
			if (valid.isEmpty()) {
				return Mono.just(new IngestResult(Arrays.asList(outcomes)));
			}
			return this.transactions.transactional(Mono.defer(() -> commit(valid, source, receivedAt)))
				.retryWhen(Retry.backoff(8, Duration.ofMillis(5)).filter(Retryable::test))
				.map((committed) -> {
					committed.forEach((outcome) -> outcomes[outcome.index()] = outcome);
					return new IngestResult(Arrays.asList(outcomes));
				});
		});
	}

	/**
	 * Ingests one message, as the GraphQL {@code identify} and {@code track} mutations
	 * do. A rejected message fails with {@link InvalidInputException} naming the field;
	 * otherwise the outcome says whether it was accepted (with profile and event id) or
	 * dropped as duplicate or suppressed.
	 * @param message the message
	 * @param source provenance, e.g. {@code graphql}
	 * @return the outcome, emitted after the commit
	 */
	public Mono<MessageOutcome> ingestOne(SegmentMessage message, String source) {
		return ingest(List.of(message), source).flatMap((result) -> {
			MessageOutcome outcome = result.outcomes().get(0);
			if (outcome.status() == Status.REJECTED) {
				return Mono
					.error(new InvalidInputException(String.valueOf(outcome.field()), String.valueOf(outcome.error())));
			}
			return Mono.just(outcome);
		});
	}

	private Mono<List<MessageOutcome>> commit(List<Prepared> valid, String source, Instant receivedAt) {
		Set<String> hashes = new HashSet<>();
		if (this.suppression) {
			valid.forEach((p) -> p.claims().forEach((c) -> hashes.add(c.identifier().suppressionHash())));
		}
		List<MessageOutcome> outcomes = new ArrayList<>();
		return this.events.suppressed(hashes).flatMap((suppressed) -> {
			List<Prepared> allowed = new ArrayList<>();
			for (Prepared p : valid) {
				if (p.claims().stream().anyMatch((c) -> suppressed.contains(c.identifier().suppressionHash()))) {
					outcomes.add(MessageOutcome.dropped(p.index(), p.messageId(), Status.SUPPRESSED));
				}
				else {
					allowed.add(p);
				}
			}
			return this.events.claimMessageIds(allowed.stream().map(Prepared::messageId).toList(), receivedAt)
				.flatMap((fresh) -> {
					List<Prepared> accepted = new ArrayList<>();
					for (Prepared p : allowed) {
						if (fresh.contains(p.messageId())) {
							accepted.add(p);
						}
						else {
							outcomes.add(MessageOutcome.dropped(p.index(), p.messageId(), Status.DUPLICATE));
						}
					}
					return store(accepted, source, receivedAt, outcomes);
				});
		});
	}

	private Mono<List<MessageOutcome>> store(List<Prepared> accepted, String source, Instant receivedAt,
			List<MessageOutcome> outcomes) {
		if (accepted.isEmpty()) {
			return Mono.just(outcomes);
		}
		List<List<Claim>> claims = accepted.stream().map(Prepared::claims).toList();
		List<Instant> times = accepted.stream().map(Prepared::occurredAt).toList();
		return this.identities.resolve(claims, times, source).flatMap((resolution) -> {
			List<UUID> profiles = resolution.profileOfMessage();
			List<UUID> eventIds = accepted.stream().map((p) -> TimeOrderedUuid.next()).toList();
			return this.events.insertEvents(accepted, eventIds, profiles, receivedAt)
				.then(this.traits.apply(traitUpdates(accepted, profiles, source)))
				.flatMap((traitMessages) -> appendOutbox(resolution, accepted, eventIds, traitMessages))
				.then(this.consent.record(accepted, profiles))
				.then(Mono.fromSupplier(() -> {
					for (int i = 0; i < accepted.size(); i++) {
						Prepared p = accepted.get(i);
						outcomes.add(new MessageOutcome(p.index(), p.messageId(), Status.ACCEPTED, profiles.get(i),
								eventIds.get(i), null, null));
					}
					return outcomes;
				}));
		});
	}

	private static List<TraitUpdate> traitUpdates(List<Prepared> accepted, List<UUID> profiles, String source) {
		List<TraitUpdate> updates = new ArrayList<>(accepted.size());
		for (int i = 0; i < accepted.size(); i++) {
			SegmentMessage message = accepted.get(i).message();
			Party party = (message.kind() == EventKind.IDENTIFY
					&& Boolean.TRUE.equals(message.context().get("zeroParty"))) ? Party.ZERO : Party.FIRST;
			updates.add(new TraitUpdate(profiles.get(i), MessageTraits.of(message), source, party,
					accepted.get(i).occurredAt()));
		}
		return updates;
	}

	/**
	 * Merges first, then per message its event and its traits change, in message order.
	 */
	private Mono<Void> appendOutbox(Resolution resolution, List<Prepared> accepted, List<UUID> eventIds,
			List<Optional<StreamMessage>> traitMessages) {
		List<StreamMessage> messages = new ArrayList<>(resolution.mergeMessages());
		for (int i = 0; i < accepted.size(); i++) {
			Prepared p = accepted.get(i);
			messages.add(StreamMessage.of(MessageType.EVENT, resolution.profileOfMessage().get(i), p.occurredAt(),
					EventPayloads.streamPayload(eventIds.get(i), p)));
			traitMessages.get(i).ifPresent(messages::add);
		}
		return this.outbox.appendAll(messages);
	}

}
