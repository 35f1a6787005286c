package dev.zielwerk.profile.graphql;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.zielwerk.profile.consent.ConsentChange;
import dev.zielwerk.profile.consent.ConsentPurpose;
import dev.zielwerk.profile.consent.ConsentReader;
import dev.zielwerk.profile.consent.CurrentConsent;
import dev.zielwerk.profile.events.EventQuery;
import dev.zielwerk.profile.events.EventReader;
import dev.zielwerk.profile.events.ProfileEvent;
import dev.zielwerk.profile.paging.Cursors;
import dev.zielwerk.profile.paging.Page;
import dev.zielwerk.profile.profiles.IdentityConflict;
import dev.zielwerk.profile.profiles.Merge;
import dev.zielwerk.profile.profiles.Profile;
import dev.zielwerk.profile.profiles.ProfileDetails;
import dev.zielwerk.profile.profiles.ProfileIdentity;
import dev.zielwerk.profile.profiles.ProfileTraits;
import graphql.schema.DataFetchingEnvironment;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;

/**
 * The fields of {@code Profile}, each loaded for all profiles of a response level at
 * once. Fields with arguments use DataLoaders keyed by (profile, arguments), and each
 * distinct set of arguments is one statement for all its profiles.
 */
@Controller
final class ProfileFieldsController {

	private static final String EVENTS = "profileEvents";

	private static final String HISTORY = "profileConsentHistory";

	private final ProfileDetails details;

	private final ConsentReader consent;

	ProfileFieldsController(ProfileDetails details, ConsentReader consent, EventReader events,
			BatchLoaderRegistry loaders) {
		this.details = details;
		this.consent = consent;
		loaders.<EventsKey, Page<ProfileEvent>>forName(EVENTS)
			.registerMappedBatchLoader((keys, env) -> byArguments(keys, EventsKey::query, EventsKey::profileId,
					events::pages, EventsKey::new));
		loaders.<HistoryKey, List<ConsentChange>>forName(HISTORY)
			.registerMappedBatchLoader((keys, env) -> byArguments(keys, HistoryKey::purpose, HistoryKey::profileId,
					(ids, purpose) -> consent.history(ids, purpose.orElse(null)), HistoryKey::new));
	}

	@BatchMapping
	Mono<Map<Profile, List<ProfileIdentity>>> identities(List<Profile> profiles) {
		return bySource(profiles, this.details::identities);
	}

	@BatchMapping
	Mono<Map<Profile, ProfileTraits>> traits(List<Profile> profiles) {
		return bySource(profiles, this.details::traits);
	}

	@BatchMapping
	Mono<Map<Profile, List<CurrentConsent>>> consent(List<Profile> profiles) {
		return bySource(profiles, this.consent::current);
	}

	@BatchMapping
	Mono<Map<Profile, List<Merge>>> merges(List<Profile> profiles) {
		return bySource(profiles, this.details::merges);
	}

	@BatchMapping
	Mono<Map<Profile, List<IdentityConflict>>> identityConflicts(List<Profile> profiles) {
		return bySource(profiles, this.details::conflicts);
	}

	@SchemaMapping
	CompletableFuture<Page<ProfileEvent>> events(Profile profile, @Argument @Nullable EventFilterInput filter,
			@Argument @Nullable Integer first, @Argument @Nullable String after, DataFetchingEnvironment env) {
		EventFilterInput given = (filter != null) ? filter : new EventFilterInput(null, null, null, null);
		EventQuery query = new EventQuery(given.kinds(), given.names(), given.from(), given.to(),
				Cursors.pageSize("first", first), (after != null) ? Cursors.timePosition("after", after) : null);
		DataLoader<EventsKey, Page<ProfileEvent>> loader = env.getDataLoader(EVENTS);
		return loader.load(new EventsKey(profile.id(), query));
	}

	@SchemaMapping
	CompletableFuture<List<ConsentChange>> consentHistory(Profile profile, @Argument @Nullable ConsentPurpose purpose,
			DataFetchingEnvironment env) {
		DataLoader<HistoryKey, List<ConsentChange>> loader = env.getDataLoader(HISTORY);
		return loader.load(new HistoryKey(profile.id(), Optional.ofNullable(purpose)));
	}

	private static <T> Mono<Map<Profile, T>> bySource(List<Profile> profiles,
			Function<List<UUID>, Mono<Map<UUID, T>>> loader) {
		List<UUID> ids = profiles.stream().map(Profile::id).distinct().toList();
		return loader.apply(ids).map((byId) -> {
			Map<Profile, T> result = new LinkedHashMap<>();
			profiles.forEach((profile) -> result.put(profile, byId.get(profile.id())));
			return result;
		});
	}

	/** Groups keys by their arguments and loads each group with one call. */
	private static <K, A, V> Mono<Map<K, V>> byArguments(Set<K> keys, Function<K, A> arguments,
			Function<K, UUID> profileId, BiFunction<List<UUID>, A, Mono<Map<UUID, V>>> load,
			BiFunction<UUID, A, K> key) {
		Map<A, List<UUID>> groups = keys.stream()
			.collect(Collectors.groupingBy(arguments, Collectors.mapping(profileId, Collectors.toList())));
		return Flux.fromIterable(groups.entrySet())
			.concatMap((group) -> load.apply(group.getValue(), group.getKey())
				.flatMapIterable((loaded) -> loaded.entrySet()
					.stream()
					.map((entry) -> Map.entry(key.apply(entry.getKey(), group.getKey()), entry.getValue()))
					.toList()))
			.collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
	}

	record EventFilterInput(@Nullable List<String> kinds, @Nullable List<String> names, @Nullable Instant from,
			@Nullable Instant to) {
	}

	record EventsKey(UUID profileId, EventQuery query) {
	}

	record HistoryKey(UUID profileId, Optional<ConsentPurpose> purpose) {
	}

}
