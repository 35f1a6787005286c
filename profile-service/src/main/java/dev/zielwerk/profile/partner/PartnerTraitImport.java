package dev.zielwerk.profile.partner;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.outbox.MessageType;
import dev.zielwerk.profile.outbox.Outbox;
import dev.zielwerk.profile.outbox.StreamMessage;
import dev.zielwerk.profile.partner.PartnerAccess.PartnerCaller;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Traits a partner sends for members of a share, stored as second-party traits: group
 * {@code partner}, one trait per partner named by its id holding an object of the
 * partner's traits, so rules read them as {@code traits.partner.<partnerId>.<trait>}.
 * Rows count only for people the partner may see through the share (member now,
 * PARTNER_SHARING granted, an identifier of the share's types); the partner is told how
 * many rows were received, never how many matched, because that number would answer the
 * overlap question without its threshold. Being ordinary trait rows, they are erased with
 * the person and move with merges; a {@code traits} stream message tells segment-service.
 */
@Component
final class PartnerTraitImport {

	/** A trait name is a word of the rule language. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

	static final String GROUP = "partner";

	/**
	 * Keeps nulls when writing: a null trait value is how a partner removes a trait, and
	 * the application's mapper may be set to leave nulls out.
	 */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PartnerAccess access;

	private final ConsentedIdentifiers identifiers;

	private final SegmentMembers segments;

	private final PartnerAudit audit;

	private final Outbox outbox;

	private final DatabaseClient database;

	private final TransactionalOperator transactions;

	private final PartnerProperties properties;

	private final Clock clock = Clock.systemUTC();

	PartnerTraitImport(PartnerAccess access, ConsentedIdentifiers identifiers, SegmentMembers segments,
			PartnerAudit audit, Outbox outbox, DatabaseClient database, TransactionalOperator transactions,
			PartnerProperties properties) {
		this.access = access;
		this.identifiers = identifiers;
		this.segments = segments;
		this.audit = audit;
		this.outbox = outbox;
		this.database = database;
		this.transactions = transactions;
		this.properties = properties;
	}

	/** Emits the number of rows received. */
	Mono<Integer> importRows(PartnerCaller partner, String shareId, List<PartnerTraitRow> rows) {
		return Mono.defer(() -> {
			List<PartnerTraitRow> checked = check(rows);
			Instant now = this.clock.instant();
			return this.access.activeShare(partner, shareId, now).flatMap((share) -> {
				Set<String> hashes = new HashSet<>();
				checked.forEach((row) -> hashes.add(row.sha256()));
				return this.identifiers.byHash(hashes, share.identifierTypes(), now)
					.flatMap((byHash) -> byHash.isEmpty() ? Mono.just(Map.<String, UUID>of())
							: this.segments.among(share.segmentId(), new HashSet<>(byHash.values())).map((members) -> {
								Map<String, UUID> shared = new LinkedHashMap<>(byHash);
								shared.values().retainAll(members);
								return shared;
							}))
					.flatMap((shared) -> store(partner, share, checked, shared, now)
						.flatMap((stored) -> this.audit.record(partner.id(), share.id(), AuditAction.TRAITS_IMPORTED,
								checked.size(), stored, partner.subject()))
						.as(this.transactions::transactional))
					.thenReturn(checked.size());
			});
		});
	}

	/** Writes the traits of matched rows; emits how many profiles got traits. */
	private Mono<Integer> store(PartnerCaller partner, PartnerShare share, List<PartnerTraitRow> rows,
			Map<String, UUID> shared, Instant now) {
		Map<UUID, Map<String, @Nullable Object>> byProfile = new TreeMap<>();
		for (PartnerTraitRow row : rows) {
			UUID profile = shared.get(row.sha256());
			if (profile != null) {
				byProfile.computeIfAbsent(profile, (p) -> new LinkedHashMap<>()).putAll(row.traits());
			}
		}
		if (byProfile.isEmpty()) {
			return Mono.just(0);
		}
		UUID[] ids = byProfile.keySet().toArray(UUID[]::new);
		String[] values = byProfile.values().stream().map(JSON::writeValueAsString).toArray(String[]::new);
		String source = "partner:" + partner.id() + " share:" + share.id();
		return this.database.sql("SELECT id FROM profiles WHERE id = ANY($1) ORDER BY id FOR UPDATE")
			.bind(0, ids)
			.fetch()
			.all()
			.then(this.database.sql("""
					INSERT INTO traits (profile_id, trait_group, name, value, source, party, updated_at)
					SELECT t.p, $3, $4, t.v::jsonb, $5, 'SECOND', $6
					FROM unnest($1::uuid[], $2::text[]) AS t(p, v) JOIN profiles ON profiles.id = t.p
					ON CONFLICT (profile_id, trait_group, name) DO UPDATE
					SET value = traits.value || excluded.value, source = excluded.source,
					    party = excluded.party, updated_at = excluded.updated_at
					""")
				.bind(0, ids)
				.bind(1, values)
				.bind(2, GROUP)
				.bind(3, partner.id())
				.bind(4, source)
				.bind(5, now)
				.then())
			// nulls first overwrite, then go: a null is how a partner removes a trait
			.then(this.database.sql("""
					UPDATE traits SET value = jsonb_strip_nulls(value)
					WHERE profile_id = ANY($1) AND trait_group = $2 AND name = $3
					RETURNING profile_id, value::text AS value
					""")
				.bind(0, ids)
				.bind(1, GROUP)
				.bind(2, partner.id())
				.map((row, meta) -> traitsMessage(row.get("profile_id", UUID.class), partner.id(),
						row.get("value", String.class), source, now))
				.all()
				.collectList())
			.flatMap((messages) -> this.outbox.appendAll(messages).thenReturn(messages.size()));
	}

	private StreamMessage traitsMessage(UUID profileId, String partnerId, String value, String source, Instant at) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("traits", Map.of(GROUP, Map.of(partnerId, JSON.readValue(value, Object.class))));
		payload.put("source", source);
		payload.put("party", "SECOND");
		return StreamMessage.of(MessageType.TRAITS, profileId, at, payload);
	}

	private List<PartnerTraitRow> check(List<PartnerTraitRow> rows) {
		if (rows.isEmpty() || rows.size() > this.properties.maxImportRows()) {
			throw new InvalidInputException("rows",
					"must hold 1 to " + this.properties.maxImportRows() + " rows, got " + rows.size());
		}
		List<PartnerTraitRow> checked = new ArrayList<>(rows.size());
		for (int i = 0; i < rows.size(); i++) {
			PartnerTraitRow row = rows.get(i);
			String hash = row.sha256().strip().toLowerCase(Locale.ROOT);
			if (!PartnerHashing.isHash(hash)) {
				throw new InvalidInputException("rows[" + i + "].sha256",
						"must be a SHA-256 as 64 hex digits of a normalized identifier, never the identifier itself");
			}
			if (row.traits().isEmpty()) {
				throw new InvalidInputException("rows[" + i + "].traits", "must hold at least one trait");
			}
			for (String name : row.traits().keySet()) {
				if (!NAME.matcher(name).matches()) {
					throw new InvalidInputException("rows[" + i + "].traits." + name,
							"a trait name is 1 to 64 of letters, digits and _, not starting with a digit, so rules can name it");
				}
			}
			checked.add(new PartnerTraitRow(hash, row.traits()));
		}
		return checked;
	}

}
