package dev.zielwerk.profile.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.zielwerk.profile.consent.ConsentDecision;
import dev.zielwerk.profile.consent.ConsentLedger;
import dev.zielwerk.profile.consent.ConsentPurpose;
import dev.zielwerk.profile.consent.ConsentSource;
import dev.zielwerk.profile.consent.ConsentStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Consent from {@code context.consent.categoryPreferences} (Segment's consent
 * management): category names map to purposes, {@code true} grants, {@code false}
 * withdraws a grant or else denies. Only real changes are recorded, so the history holds
 * decisions, not every page view that repeats them.
 */
@Component
final class CategoryPreferences {

	private static final Map<String, ConsentPurpose> DEFAULTS = Map.ofEntries(
			Map.entry("analytics", ConsentPurpose.ANALYTICS),
			Map.entry("personalization", ConsentPurpose.PERSONALIZATION),
			Map.entry("functional", ConsentPurpose.PERSONALIZATION), Map.entry("email", ConsentPurpose.EMAIL_MARKETING),
			Map.entry("email_marketing", ConsentPurpose.EMAIL_MARKETING),
			Map.entry("marketing", ConsentPurpose.EMAIL_MARKETING),
			Map.entry("advertising", ConsentPurpose.ADVERTISING), Map.entry("ads", ConsentPurpose.ADVERTISING),
			Map.entry("partner_sharing", ConsentPurpose.PARTNER_SHARING),
			Map.entry("data_sharing", ConsentPurpose.PARTNER_SHARING));

	private final Map<String, ConsentPurpose> categories;

	private final DatabaseClient database;

	private final ConsentLedger ledger;

	CategoryPreferences(IngestProperties properties, DatabaseClient database, ConsentLedger ledger) {
		this.database = database;
		this.ledger = ledger;
		Map<String, ConsentPurpose> categories = new HashMap<>(DEFAULTS);
		for (ConsentPurpose purpose : ConsentPurpose.values()) {
			categories.put(purpose.name().toLowerCase(Locale.ROOT), purpose);
		}
		Map<String, String> configured = properties.consentCategories();
		if (configured != null) {
			configured.forEach((name, purpose) -> categories.put(name.toLowerCase(Locale.ROOT),
					ConsentPurpose.valueOf(purpose.toUpperCase(Locale.ROOT))));
		}
		this.categories = Map.copyOf(categories);
	}

	Optional<ConsentPurpose> purposeOf(String category) {
		return Optional.ofNullable(this.categories.get(category.strip().toLowerCase(Locale.ROOT)));
	}

	/**
	 * Records the preferences of accepted messages, in order; one query for the state.
	 */
	Mono<Void> record(List<Prepared> messages, List<UUID> profiles) {
		List<Integer> withPreferences = new ArrayList<>();
		Set<UUID> involved = new HashSet<>();
		for (int i = 0; i < messages.size(); i++) {
			if (!preferences(messages.get(i).message()).isEmpty()) {
				withPreferences.add(i);
				involved.add(profiles.get(i));
			}
		}
		if (withPreferences.isEmpty()) {
			return Mono.empty();
		}
		return current(involved).flatMap((state) -> {
			List<ConsentDecision> decisions = new ArrayList<>();
			for (int i : withPreferences) {
				UUID profile = profiles.get(i);
				Instant at = messages.get(i).occurredAt();
				preferences(messages.get(i).message())
					.forEach((category, granted) -> purposeOf(category).ifPresent((purpose) -> {
						Key key = new Key(profile, purpose);
						Current before = state.get(key);
						ConsentStatus after = next(before, granted);
						if (after != null && (before == null || !before.at().isAfter(at))) {
							state.put(key, new Current(after, at));
							decisions.add(new ConsentDecision(profile, purpose, after, ConsentSource.CMP, at, null));
						}
					}));
			}
			return Flux.fromIterable(decisions).concatMap(this.ledger::record).then();
		});
	}

	/** The new status, or null when the preference changes nothing. */
	private static @Nullable ConsentStatus next(@Nullable Current before, boolean granted) {
		ConsentStatus now = (before != null) ? before.status() : null;
		if (granted) {
			return (now == ConsentStatus.GRANTED) ? null : ConsentStatus.GRANTED;
		}
		if (now == ConsentStatus.GRANTED) {
			return ConsentStatus.WITHDRAWN;
		}
		return (now == null) ? ConsentStatus.DENIED : null;
	}

	private static Map<String, Boolean> preferences(SegmentMessage message) {
		if (message.context().get("consent") instanceof Map<?, ?> consent
				&& consent.get("categoryPreferences") instanceof Map<?, ?> preferences) {
			Map<String, Boolean> result = new LinkedHashMap<>();
			preferences.forEach((category, value) -> {
				if (value instanceof Boolean granted) {
					result.put(String.valueOf(category), granted);
				}
			});
			return result;
		}
		return Map.of();
	}

	private Mono<Map<Key, Current>> current(Set<UUID> profiles) {
		return this.database
			.sql("SELECT profile_id, purpose, status, occurred_at FROM consents WHERE profile_id = ANY($1::uuid[])")
			.bind(0, profiles.toArray(UUID[]::new))
			.map((row, meta) -> Map.entry(
					new Key(row.get("profile_id", UUID.class),
							ConsentPurpose.valueOf(row.get("purpose", String.class))),
					new Current(ConsentStatus.valueOf(row.get("status", String.class)),
							row.get("occurred_at", Instant.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
	}

	private record Key(UUID profile, ConsentPurpose purpose) {
	}

	private record Current(ConsentStatus status, Instant at) {
	}

}
