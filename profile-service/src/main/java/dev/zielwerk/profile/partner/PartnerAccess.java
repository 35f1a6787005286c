package dev.zielwerk.profile.partner;

import java.time.Instant;
import java.util.UUID;

import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.graphql.SubgraphCallers;
import dev.zielwerk.profile.error.DeniedException;
import dev.zielwerk.profile.error.NotFoundException;
import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Who may do what with shares, checked in this subgraph whatever the gateway already
 * checked. The owner (a non-partner caller with scope {@value #OWNER_SCOPE}) manages
 * partners and shares and reads the audit; a partner (a caller with a partner id and
 * scope {@value CallerIdentity#PARTNER_SCOPE}) reaches only its own active shares.
 */
@Component
final class PartnerAccess {

	/** The scope of whoever manages partners, shares and reads the partner audit. */
	static final String OWNER_SCOPE = "partners:manage";

	private final ShareStore shares;

	private final PartnerAudit audit;

	PartnerAccess(ShareStore shares, PartnerAudit audit) {
		this.shares = shares;
		this.audit = audit;
	}

	CallerIdentity owner(GraphQLContext context) {
		CallerIdentity identity = identified(context);
		if (identity.isPartner() || !identity.hasScope(OWNER_SCOPE)) {
			throw DeniedException
				.forbidden("managing partners and shares needs a non-partner caller with scope " + OWNER_SCOPE);
		}
		return identity;
	}

	PartnerCaller partner(GraphQLContext context) {
		CallerIdentity identity = identified(context);
		String partnerId = identity.partnerId();
		if (partnerId == null || !identity.hasScope(CallerIdentity.PARTNER_SCOPE)) {
			throw DeniedException
				.forbidden("this field is for partner callers: a partner id and scope " + CallerIdentity.PARTNER_SCOPE);
		}
		return new PartnerCaller(partnerId, identity.subject());
	}

	/**
	 * The share, when it is the partner's and active at {@code now}. Another partner's
	 * share is answered exactly as a share that does not exist, so ids cannot be probed;
	 * the partner's own expired or revoked share says so. Refusals are audited.
	 */
	Mono<PartnerShare> activeShare(PartnerCaller partner, String shareId, Instant now) {
		UUID id = shareId(shareId);
		NotFoundException notFound = new NotFoundException("no share " + shareId + " for partner " + partner.id());
		return this.shares.find(id)
			.filter((share) -> share.partnerId().equals(partner.id()))
			.switchIfEmpty(Mono.defer(() -> denied(partner, id).then(Mono.error(notFound))))
			.flatMap((share) -> switch (share.statusAt(now)) {
				case ACTIVE -> Mono.just(share);
				case EXPIRED -> denied(partner, id).then(
						Mono.error(DeniedException.forbidden("share " + shareId + " expired at " + share.expiresAt())));
				case REVOKED -> denied(partner, id)
					.then(Mono.error(DeniedException.forbidden("share " + shareId + " was revoked")));
			});
	}

	private Mono<Void> denied(PartnerCaller partner, @Nullable UUID shareId) {
		return this.audit.record(partner.id(), shareId, AuditAction.ACCESS_DENIED, 0, null, partner.subject());
	}

	static UUID shareId(String shareId) {
		try {
			return UUID.fromString(shareId);
		}
		catch (IllegalArgumentException ex) {
			throw new NotFoundException("no share " + shareId);
		}
	}

	/**
	 * The caller the gateway vouched for ({@code X-Zielwerk-Identity}, verified by the
	 * identity module's subgraph interceptor, which refuses a forged or expired header
	 * before any field runs).
	 */
	private static CallerIdentity identified(GraphQLContext context) {
		CallerIdentity identity = SubgraphCallers.caller(context);
		if (identity == null) {
			throw DeniedException.unauthenticated("no caller identity: call through the gateway with a token");
		}
		if (identity.isAnonymous()) {
			throw DeniedException.unauthenticated("the gateway passed an anonymous caller: send a token");
		}
		return identity;
	}

	/** A verified partner caller: the partner and the token's subject. */
	record PartnerCaller(String id, String subject) {
	}

}
