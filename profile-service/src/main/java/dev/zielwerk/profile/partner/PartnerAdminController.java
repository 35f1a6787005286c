package dev.zielwerk.profile.partner;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.identity.IdentityType;
import dev.zielwerk.profile.paging.Page;
import graphql.GraphQLContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The owner's fields: partners, shares and the partner audit log. */
@Controller
final class PartnerAdminController {

	private static final int MAX_AUDIT_PAGE = 500;

	private final PartnerAccess access;

	private final ShareAdministration administration;

	private final PartnerRegistry partners;

	private final ShareStore shares;

	private final PartnerAudit audit;

	private final Clock clock = Clock.systemUTC();

	PartnerAdminController(PartnerAccess access, ShareAdministration administration, PartnerRegistry partners,
			ShareStore shares, PartnerAudit audit) {
		this.access = access;
		this.administration = administration;
		this.partners = partners;
		this.shares = shares;
		this.audit = audit;
	}

	@QueryMapping
	Mono<List<Partner>> partners(GraphQLContext context) {
		return Mono.defer(() -> {
			this.access.owner(context);
			return this.partners.all().collectList();
		});
	}

	@QueryMapping
	Mono<List<PartnerShare>> partnerShares(@Argument @Nullable String partnerId, GraphQLContext context) {
		return Mono.defer(() -> {
			this.access.owner(context);
			return this.shares.list(partnerId).collectList();
		});
	}

	@QueryMapping
	Mono<Page<AuditEntry>> partnerAuditLog(@Argument @Nullable String partnerId, @Argument @Nullable String shareId,
			@Argument @Nullable Integer first, @Argument @Nullable String after, GraphQLContext context) {
		return Mono.defer(() -> {
			this.access.owner(context);
			int size = (first != null) ? first : 50;
			if (size < 1 || size > MAX_AUDIT_PAGE) {
				throw new InvalidInputException("first", "must be between 1 and " + MAX_AUDIT_PAGE + ", was " + size);
			}
			UUID share = (shareId != null) ? PartnerAccess.shareId(shareId) : null;
			Long before = (after != null) ? auditPosition(after) : null;
			return this.audit.read(partnerId, share, before, size + 1)
				.collectList()
				.map((entries) -> Page.of(entries, size, PartnerAdminController::auditCursor, null));
		});
	}

	@MutationMapping
	Mono<Partner> createPartner(@Argument String id, @Argument String name, GraphQLContext context) {
		return Mono.defer(() -> this.administration.createPartner(this.access.owner(context), id, name));
	}

	@MutationMapping
	Mono<PartnerShare> shareAudience(@Argument String segmentId, @Argument String partnerId,
			@Argument List<IdentityType> identifierTypes, @Argument Instant expiresAt,
			@Argument @Nullable Boolean overlapOnly, GraphQLContext context) {
		return Mono.defer(() -> this.administration.share(this.access.owner(context), segmentId, partnerId,
				identifierTypes, Boolean.TRUE.equals(overlapOnly), expiresAt));
	}

	@MutationMapping
	Mono<PartnerShare> changeShare(@Argument String id, @Argument @Nullable List<IdentityType> identifierTypes,
			@Argument @Nullable Instant expiresAt, GraphQLContext context) {
		return Mono.defer(() -> this.administration.change(this.access.owner(context), id, identifierTypes, expiresAt));
	}

	@MutationMapping
	Mono<PartnerShare> revokeShare(@Argument String id, GraphQLContext context) {
		return Mono.defer(() -> this.administration.revoke(this.access.owner(context), id));
	}

	@BatchMapping(typeName = "PartnerShare", field = "partner")
	Mono<Map<PartnerShare, Partner>> partner(List<PartnerShare> shares) {
		return this.partners.all().collectMap(Partner::id, Function.identity()).map((byId) -> {
			Map<PartnerShare, Partner> result = new LinkedHashMap<>();
			shares.forEach((share) -> result.put(share, byId.get(share.partnerId())));
			return result;
		});
	}

	@SchemaMapping(typeName = "PartnerShare", field = "status")
	ShareStatus status(PartnerShare share) {
		return share.statusAt(this.clock.instant());
	}

	private static String auditCursor(AuditEntry entry) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("audit:" + entry.id()).getBytes(StandardCharsets.UTF_8));
	}

	private static long auditPosition(String cursor) {
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (!text.startsWith("audit:")) {
				throw new IllegalArgumentException(text);
			}
			return Long.parseLong(text.substring("audit:".length()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidInputException("after", "not a cursor returned by partnerAuditLog");
		}
	}

}
