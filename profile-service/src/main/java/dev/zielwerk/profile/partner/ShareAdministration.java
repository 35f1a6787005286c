package dev.zielwerk.profile.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.error.NotFoundException;
import dev.zielwerk.profile.identity.IdentityType;
import dev.zielwerk.profile.store.TimeOrderedUuid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The owner's side: registering partners and making, changing and revoking shares. */
@Component
final class ShareAdministration {

	private final PartnerRegistry partners;

	private final ShareStore shares;

	private final SegmentMembers segments;

	private final PartnerAudit audit;

	private final TransactionalOperator transactions;

	private final Clock clock = Clock.systemUTC();

	ShareAdministration(PartnerRegistry partners, ShareStore shares, SegmentMembers segments, PartnerAudit audit,
			TransactionalOperator transactions) {
		this.partners = partners;
		this.shares = shares;
		this.segments = segments;
		this.audit = audit;
		this.transactions = transactions;
	}

	Mono<Partner> createPartner(CallerIdentity owner, String id, String name) {
		return this.partners.create(id, name, owner.subject(), this.clock.instant())
			.flatMap((partner) -> this.audit
				.record(partner.id(), null, AuditAction.PARTNER_CREATED, 0, null, owner.subject())
				.thenReturn(partner))
			.as(this.transactions::transactional);
	}

	Mono<PartnerShare> share(CallerIdentity owner, String segmentId, String partnerId, List<IdentityType> types,
			boolean overlapOnly, Instant expiresAt) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			checkTypes("identifierTypes", types);
			checkExpiry(expiresAt, now);
			PartnerShare share = new PartnerShare(TimeOrderedUuid.next(), partnerId, segmentId,
					types.stream().distinct().sorted().toList(), overlapOnly, expiresAt, now, owner.subject(), now,
					null);
			return this.partners.find(partnerId)
				.switchIfEmpty(Mono.error(() -> new InvalidInputException("partnerId",
						"no partner \"" + partnerId + "\"; create it first")))
				.then(this.segments.exists(segmentId))
				.flatMap((exists) -> exists ? Mono.just(share)
						: Mono.error(
								new InvalidInputException("segmentId", "segment-service has no segment " + segmentId)))
				.flatMap((checked) -> this.shares.insert(checked)
					.flatMap((stored) -> this.audit
						.record(partnerId, stored.id(), AuditAction.SHARE_CREATED, 0, null, owner.subject())
						.thenReturn(stored))
					.as(this.transactions::transactional));
		});
	}

	Mono<PartnerShare> change(CallerIdentity owner, String shareId, @Nullable List<IdentityType> types,
			@Nullable Instant expiresAt) {
		return Mono.defer(() -> {
			Instant now = this.clock.instant();
			if (types != null) {
				checkTypes("identifierTypes", types);
			}
			if (expiresAt != null) {
				checkExpiry(expiresAt, now);
			}
			UUID id = PartnerAccess.shareId(shareId);
			return this.shares.find(id)
				.switchIfEmpty(Mono.error(() -> new NotFoundException("no share " + shareId)))
				.flatMap(
						(share) -> (share.revokedAt() != null)
								? Mono.error(new InvalidInputException("id",
										"share " + shareId
												+ " is revoked and stays so; share the segment again instead"))
								: this.shares.change(id,
										(types != null) ? types.stream().distinct().sorted().toList() : null, expiresAt,
										now))
				.flatMap((share) -> this.audit
					.record(share.partnerId(), id, AuditAction.SHARE_CHANGED, 0, null, owner.subject())
					.thenReturn(share))
				.as(this.transactions::transactional);
		});
	}

	Mono<PartnerShare> revoke(CallerIdentity owner, String shareId) {
		return Mono.defer(() -> {
			UUID id = PartnerAccess.shareId(shareId);
			return this.shares.revoke(id, this.clock.instant())
				.switchIfEmpty(Mono.error(() -> new NotFoundException("no share " + shareId)))
				.flatMap((share) -> this.audit
					.record(share.partnerId(), id, AuditAction.SHARE_REVOKED, 0, null, owner.subject())
					.thenReturn(share))
				.as(this.transactions::transactional);
		});
	}

	private static void checkTypes(String field, List<IdentityType> types) {
		if (types.isEmpty()) {
			throw new InvalidInputException(field, "must name at least one identifier type");
		}
		for (IdentityType type : types) {
			if (!PartnerHashing.SHAREABLE.contains(type)) {
				throw new InvalidInputException(field, type
						+ " cannot be shared: only EMAIL and PHONE have a normalization partners can reproduce before hashing");
			}
		}
	}

	private static void checkExpiry(Instant expiresAt, Instant now) {
		if (!expiresAt.isAfter(now)) {
			throw new InvalidInputException("expiresAt", "must be in the future, was " + expiresAt);
		}
	}

}
