package dev.zielwerk.profile.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.zielwerk.profile.error.DeniedException;
import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.paging.PageInfo;
import dev.zielwerk.profile.partner.PartnerAccess.PartnerCaller;
import dev.zielwerk.profile.partner.SegmentMembers.Member;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The partner's side of reading: its active shares, and their members as hashed
 * identifiers. Members are walked in segment-service's order and filtered here (consent,
 * erasure, identifier types), so a page can hold fewer than {@code first} members when
 * many are filtered out; the work per request is bounded by {@link #MAX_BATCHES}
 * membership reads, after which the page ends early with {@code hasNextPage}.
 */
@Component
final class SharedAudiences {

	static final int MAX_PAGE = 1000;

	private static final int MAX_BATCHES = 10;

	private final ShareStore shares;

	private final SegmentMembers segments;

	private final ConsentedIdentifiers identifiers;

	private final SealedCursors cursors;

	private final PartnerAudit audit;

	private final Clock clock = Clock.systemUTC();

	SharedAudiences(ShareStore shares, SegmentMembers segments, ConsentedIdentifiers identifiers, SealedCursors cursors,
			PartnerAudit audit) {
		this.shares = shares;
		this.segments = segments;
		this.identifiers = identifiers;
		this.cursors = cursors;
		this.audit = audit;
	}

	Mono<List<PartnerShare>> list(PartnerCaller partner) {
		return this.shares.active(partner.id(), this.clock.instant())
			.collectList()
			.flatMap((list) -> this.audit
				.record(partner.id(), null, AuditAction.SHARES_LISTED, list.size(), null, partner.subject())
				.thenReturn(list));
	}

	Mono<MemberPage> members(PartnerCaller partner, PartnerShare share, @Nullable Integer first,
			@Nullable String after) {
		return Mono.defer(() -> {
			int size = (first != null) ? first : 100;
			if (size < 1 || size > MAX_PAGE) {
				throw new InvalidInputException("first", "must be between 1 and " + MAX_PAGE + ", was " + size);
			}
			if (share.overlapOnly()) {
				return this.audit
					.record(partner.id(), share.id(), AuditAction.ACCESS_DENIED, 0, null, partner.subject())
					.then(Mono.error(DeniedException
						.forbidden("share " + share.id() + " allows overlap counts only, not member lists")));
			}
			String bound = share.id() + "|" + partner.id();
			String position = (after != null) ? this.cursors.open("after", after, bound) : null;
			Walk walk = new Walk(size, bound, this.clock.instant());
			return next(share, walk, (position == null || position.isEmpty()) ? null : position, 0).flatMap(
					(page) -> this.audit
						.record(partner.id(), share.id(), AuditAction.MEMBERS_READ, page.edges().size(), null,
								partner.subject())
						.thenReturn(page));
		});
	}

	private Mono<MemberPage> next(PartnerShare share, Walk walk, @Nullable String position, int batch) {
		int fetch = Math.min(GraphQlSegmentMembers.MAX_PAGE, Math.max(100, 2 * (walk.size - walk.edges.size())));
		return this.segments.page(share.segmentId(), position, fetch).flatMap((page) -> {
			List<Member> members = page.members();
			return this.identifiers
				.of(members.stream().map(Member::profileId).toList(), share.identifierTypes(), walk.now)
				.flatMap((visible) -> {
					for (int i = 0; i < members.size(); i++) {
						Member member = members.get(i);
						walk.last = member.cursor();
						List<HashedIdentifier> hashes = visible.get(member.profileId());
						if (hashes != null) {
							walk.edges.add(new MemberEdge(this.cursors.seal(member.cursor(), walk.bound),
									new SharedMember(hashes)));
						}
						if (walk.edges.size() == walk.size) {
							return Mono.just(walk.page(i < members.size() - 1 || page.hasNextPage()));
						}
					}
					if (!page.hasNextPage() || members.isEmpty()) {
						return Mono.just(walk.page(false));
					}
					if (batch + 1 >= MAX_BATCHES) {
						return Mono.just(walk.page(true));
					}
					return next(share, walk, walk.last, batch + 1);
				});
		});
	}

	/** A page of a share's members. */
	record MemberPage(List<MemberEdge> edges, PageInfo pageInfo) {
	}

	record MemberEdge(String cursor, SharedMember node) {
	}

	/** One person as a partner sees them: hashed identifiers, nothing else. */
	record SharedMember(List<HashedIdentifier> identifiers) {
	}

	/** The state of one walk over the membership. */
	private final class Walk {

		final int size;

		final String bound;

		final Instant now;

		final List<MemberEdge> edges = new ArrayList<>();

		@Nullable String last;

		Walk(int size, String bound, Instant now) {
			this.size = size;
			this.bound = bound;
			this.now = now;
		}

		MemberPage page(boolean hasNextPage) {
			String end = (this.last != null) ? SharedAudiences.this.cursors.seal(this.last, this.bound) : null;
			return new MemberPage(List.copyOf(this.edges), new PageInfo(hasNextPage, end));
		}

	}

}
