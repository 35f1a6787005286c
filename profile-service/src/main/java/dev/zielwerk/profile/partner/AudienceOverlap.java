package dev.zielwerk.profile.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.zielwerk.profile.error.DeniedException;
import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.partner.PartnerAccess.PartnerCaller;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * How many people of a partner's hashed list are in a share, told only from the
 * k-anonymity threshold up, and at most {@code overlap-queries} times per window and
 * partner. Counted are distinct shared members (a person matched by e-mail and phone
 * counts once) who may be seen through the share now. See the profile-service README for
 * the differencing attack these limits answer and what they do not stop.
 */
@Component
final class AudienceOverlap {

	private final PartnerAccess access;

	private final OverlapRateLimit rateLimit;

	private final ConsentedIdentifiers identifiers;

	private final SegmentMembers segments;

	private final PartnerAudit audit;

	private final PartnerProperties properties;

	private final Clock clock = Clock.systemUTC();

	AudienceOverlap(PartnerAccess access, OverlapRateLimit rateLimit, ConsentedIdentifiers identifiers,
			SegmentMembers segments, PartnerAudit audit, PartnerProperties properties) {
		this.access = access;
		this.rateLimit = rateLimit;
		this.identifiers = identifiers;
		this.segments = segments;
		this.audit = audit;
		this.properties = properties;
	}

	Mono<OverlapAnswer> overlap(PartnerCaller partner, String shareId, List<String> hashedIdentifiers) {
		return Mono.defer(() -> {
			Set<String> hashes = hashes(hashedIdentifiers);
			Instant now = this.clock.instant();
			return this.access.activeShare(partner, shareId, now)
				.flatMap((share) -> this.rateLimit.acquire(partner.id())
					.onErrorResume(DeniedException.class,
							(ex) -> this.audit
								.record(partner.id(), share.id(), AuditAction.OVERLAP_REFUSED, hashes.size(), null,
										partner.subject())
								.then(Mono.error(ex)))
					.then(this.identifiers.byHash(hashes, share.identifierTypes(), now))
					.flatMap((found) -> found.isEmpty() ? Mono.just(Set.of())
							: this.segments.among(share.segmentId(), new HashSet<>(found.values())))
					.flatMap((members) -> {
						int count = members.size();
						int threshold = this.properties.overlapThreshold();
						OverlapAnswer answer = (count >= threshold)
								? new OverlapAnswer(share.id(), OverlapStatus.COUNTED, count, threshold)
								: new OverlapAnswer(share.id(), OverlapStatus.BELOW_THRESHOLD, null, threshold);
						return this.audit
							.record(partner.id(), share.id(), AuditAction.OVERLAP_QUERIED, hashes.size(), count,
									partner.subject())
							.thenReturn(answer);
					}));
		});
	}

	private Set<String> hashes(List<String> given) {
		if (given.size() > this.properties.maxHashes()) {
			throw new InvalidInputException("hashedIdentifiers",
					"at most " + this.properties.maxHashes() + " per query, got " + given.size());
		}
		Set<String> hashes = new LinkedHashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String hash = given.get(i).strip().toLowerCase(Locale.ROOT);
			if (!PartnerHashing.isHash(hash)) {
				throw new InvalidInputException("hashedIdentifiers[" + i + "]",
						"must be a SHA-256 as 64 hex digits of a normalized identifier, never the identifier itself");
			}
			hashes.add(hash);
		}
		if (hashes.size() < this.properties.overlapThreshold()) {
			throw new InvalidInputException("hashedIdentifiers",
					"at least " + this.properties.overlapThreshold() + " distinct hashes are needed (the threshold "
							+ "below which no overlap is told), got " + hashes.size());
		}
		return hashes;
	}

}
