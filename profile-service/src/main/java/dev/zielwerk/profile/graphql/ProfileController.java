package dev.zielwerk.profile.graphql;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.zielwerk.profile.consent.ConsentPurpose;
import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.identity.IdentifierNormalizer;
import dev.zielwerk.profile.identity.IdentityType;
import dev.zielwerk.profile.paging.Cursors;
import dev.zielwerk.profile.paging.Page;
import dev.zielwerk.profile.profiles.Profile;
import dev.zielwerk.profile.profiles.ProfileFilter;
import dev.zielwerk.profile.profiles.ProfileReader;
import dev.zielwerk.profile.profiles.ProfileSearch;
import dev.zielwerk.profile.profiles.TraitPath;
import graphql.schema.DataFetchingFieldSelectionSet;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Profiles by id, by identifier and as filtered pages, and as federation entities. */
@Controller
final class ProfileController {

	private final ProfileReader profiles;

	private final ProfileSearch search;

	private final IdentifierNormalizer identifiers;

	ProfileController(ProfileReader profiles, ProfileSearch search, IdentifierNormalizer identifiers) {
		this.profiles = profiles;
		this.search = search;
		this.identifiers = identifiers;
	}

	@QueryMapping
	Mono<Profile> profile(@Argument String id) {
		return Mono.fromCallable(() -> Ids.profileId("id", id)).flatMap(this.profiles::findById);
	}

	@QueryMapping
	Mono<Profile> profileByIdentity(@Argument IdentityType type, @Argument String value) {
		return Mono.fromCallable(() -> this.identifiers.require(type, value))
			.flatMap((identifier) -> this.profiles.findByIdentity(identifier.type(), identifier.value()));
	}

	@QueryMapping
	Mono<Page<Profile>> profiles(@Argument @Nullable Map<String, Object> filter, @Argument @Nullable Integer first,
			@Argument @Nullable String after, DataFetchingFieldSelectionSet selection) {
		return Mono
			.fromCallable(() -> new PageRequest(filter(filter), Cursors.pageSize("first", first),
					(after != null) ? Cursors.idPosition("after", after) : null))
			.flatMap((request) -> this.search.search(request.filter(), request.first(), request.after(),
					selection.contains("totalCount")));
	}

	/** All representations of one {@code _entities} call in one query. */
	@EntityMapping("Profile")
	Mono<List<@Nullable Profile>> profileEntities(@Argument List<String> idList) {
		return Mono.fromCallable(() -> idList.stream().map((id) -> Ids.profileId("representations.id", id)).toList())
			.flatMap(this.profiles::findAll)
			.map((found) -> found.stream().map((profile) -> profile.orElse(null)).toList());
	}

	private static ProfileFilter filter(@Nullable Map<String, Object> input) {
		if (input == null) {
			return ProfileFilter.NONE;
		}
		TraitPath hasTrait = (input.get("hasTrait") instanceof String path) ? TraitPath.parse("filter.hasTrait", path)
				: null;
		TraitPath traitPath = null;
		Object traitValue = null;
		if (input.get("trait") instanceof Map<?, ?> trait) {
			traitPath = TraitPath.parse("filter.trait.path", String.valueOf(trait.get("path")));
			traitValue = trait.get("value");
			if (traitValue == null) {
				throw new InvalidInputException("filter.trait.value", "must not be null");
			}
		}
		ConsentPurpose consented = (input.get("consented") instanceof String purpose) ? ConsentPurpose.valueOf(purpose)
				: null;
		Instant lastSeenAfter = (input.get("lastSeenAfter") instanceof Instant instant) ? instant : null;
		return new ProfileFilter(hasTrait, traitPath, traitValue, consented, lastSeenAfter);
	}

	private record PageRequest(ProfileFilter filter, int first, @Nullable UUID after) {
	}

	static final class Ids {

		private Ids() {
		}

		static UUID profileId(String field, String value) {
			try {
				return UUID.fromString(value);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException(field, "not a profile id (a UUID): \"" + value + "\"");
			}
		}

	}

}
