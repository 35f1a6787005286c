package dev.zielwerk.profile.partner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.profile.consent.ConsentPurpose;
import dev.zielwerk.profile.identity.IdentityType;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Who may be seen through a share, decided from this service's own rows at the moment of
 * the request: a person whose PARTNER_SHARING consent is GRANTED and not expired now,
 * whose profile still exists (erasure deletes it) and is not merged away, by identifiers
 * of the types the share allows. Consent is read live rather than copied anywhere, so a
 * withdrawal or an erasure takes the person out of every share in the same instant.
 */
@Component
final class ConsentedIdentifiers {

	private static final String CONSENTED = """
			JOIN profiles p ON p.id = i.profile_id AND p.merged_into IS NULL
			JOIN consents c ON c.profile_id = i.profile_id AND c.purpose = '%s' AND c.status = 'GRANTED'
			    AND (c.expires_at IS NULL OR c.expires_at > $3)
			""".formatted(ConsentPurpose.PARTNER_SHARING.name());

	private final DatabaseClient database;

	ConsentedIdentifiers(DatabaseClient database) {
		this.database = database;
	}

	/**
	 * The hashed identifiers of the given profiles that may be shown, in profile order;
	 * profiles that may not be shown, or have no identifier of the types, are left out.
	 */
	Mono<Map<UUID, List<HashedIdentifier>>> of(List<UUID> profileIds, List<IdentityType> types, Instant now) {
		if (profileIds.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database
			.sql("SELECT i.profile_id, i.type, i.value FROM identities i " + CONSENTED
					+ "WHERE i.profile_id = ANY($1) AND i.type = ANY($2)")
			.bind(0, profileIds.toArray(UUID[]::new))
			.bind(1, names(types))
			.bind(2, now)
			.map((row, meta) -> {
				IdentityType type = IdentityType.valueOf(row.get("type", String.class));
				return Map.entry(row.get("profile_id", UUID.class),
						new HashedIdentifier(type, PartnerHashing.hash(type, row.get("value", String.class))));
			})
			.all()
			.collectList()
			.map((rows) -> {
				Map<UUID, List<HashedIdentifier>> byProfile = new LinkedHashMap<>();
				profileIds.forEach((id) -> byProfile.put(id, new ArrayList<>()));
				rows.forEach((row) -> byProfile.get(row.getKey()).add(row.getValue()));
				byProfile.values().removeIf(List::isEmpty);
				byProfile.values()
					.forEach((list) -> list
						.sort(Comparator.comparing(HashedIdentifier::type).thenComparing(HashedIdentifier::sha256)));
				return byProfile;
			});
	}

	/**
	 * The profiles, among those that may be shown, that hold an identifier of the types
	 * with one of the hashes: hash to profile id. Found through the {@code partner_hash}
	 * index, so the partner's list is never compared against a scan of everyone.
	 */
	Mono<Map<String, UUID>> byHash(Collection<String> hashes, List<IdentityType> types, Instant now) {
		if (hashes.isEmpty()) {
			return Mono.just(Map.of());
		}
		return this.database
			.sql("SELECT partner_hash(i.type, i.value) AS hash, i.profile_id FROM identities i " + CONSENTED
					+ "WHERE i.type IN ('EMAIL', 'PHONE') AND partner_hash(i.type, i.value) = ANY($1) "
					+ "AND i.type = ANY($2)")
			.bind(0, hashes.toArray(String[]::new))
			.bind(1, names(types))
			.bind(2, now)
			.map((row, meta) -> Map.entry(row.get("hash", String.class), row.get("profile_id", UUID.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private static String[] names(List<IdentityType> types) {
		return types.stream().map(IdentityType::name).toArray(String[]::new);
	}

}
