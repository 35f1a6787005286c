package dev.zielwerk.profile.graphql;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.profile.consent.ConsentDecision;
import dev.zielwerk.profile.consent.ConsentLedger;
import dev.zielwerk.profile.consent.ConsentPurpose;
import dev.zielwerk.profile.consent.ConsentReader;
import dev.zielwerk.profile.consent.ConsentSource;
import dev.zielwerk.profile.consent.ConsentStatus;
import dev.zielwerk.profile.consent.CurrentConsent;
import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.error.NotFoundException;
import dev.zielwerk.profile.profiles.ProfileReader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Setting consent through GraphQL. Granting and withdrawing are the same call with a
 * different status, so withdrawing is exactly as easy as granting.
 */
@Controller
final class ConsentController {

	private final ProfileReader profiles;

	private final ConsentLedger ledger;

	private final ConsentReader reader;

	private final TransactionalOperator transactions;

	private final Clock clock = Clock.systemUTC();

	ConsentController(ProfileReader profiles, ConsentLedger ledger, ConsentReader reader,
			TransactionalOperator transactions) {
		this.profiles = profiles;
		this.ledger = ledger;
		this.reader = reader;
		this.transactions = transactions;
	}

	/**
	 * Records the decision and answers the current consent for the purpose, which stays
	 * the newer one when the decision is older than what is stored.
	 */
	@MutationMapping
	Mono<CurrentConsent> setConsent(@Argument SetConsentInput input) {
		return Mono.fromCallable(() -> {
			UUID profileId = ProfileController.Ids.profileId("input.profileId", input.profileId());
			Instant occurredAt = (input.occurredAt() != null) ? input.occurredAt() : this.clock.instant();
			if (input.expiresAt() != null && !input.expiresAt().isAfter(occurredAt)) {
				throw new InvalidInputException("input.expiresAt", "must be after occurredAt (" + occurredAt + ")");
			}
			ConsentSource source = (input.source() != null) ? input.source() : ConsentSource.API;
			return new ConsentDecision(profileId, input.purpose(), input.status(), source, occurredAt,
					input.expiresAt());
		})
			.flatMap((asked) -> this.profiles.findById(asked.profileId())
				.switchIfEmpty(Mono.error(() -> new NotFoundException("No profile " + asked.profileId())))
				.map((profile) -> new ConsentDecision(profile.id(), asked.purpose(), asked.status(), asked.source(),
						asked.occurredAt(), asked.expiresAt())))
			.flatMap((decision) -> this.transactions.transactional(this.ledger.record(decision)
				.then(this.reader.current(List.of(decision.profileId())))
				.map((current) -> current.get(decision.profileId())
					.stream()
					.filter((consent) -> consent.purpose() == decision.purpose())
					.findFirst()
					.orElseThrow())));
	}

	record SetConsentInput(String profileId, ConsentPurpose purpose, ConsentStatus status,
			@Nullable ConsentSource source, @Nullable Instant occurredAt, @Nullable Instant expiresAt) {
	}

}
