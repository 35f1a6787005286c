package dev.zielwerk.profile.graphql;

import java.util.List;
import java.util.UUID;

import dev.zielwerk.profile.error.InvalidInputException;
import dev.zielwerk.profile.profiles.Profile;
import dev.zielwerk.profile.profiles.ProfileReader;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Profiles by id, as a root query and as federation entities. */
@Controller
final class ProfileController {

	private final ProfileReader profiles;

	ProfileController(ProfileReader profiles) {
		this.profiles = profiles;
	}

	@QueryMapping
	Mono<Profile> profile(@Argument String id) {
		return Mono.fromCallable(() -> Ids.profileId("id", id)).flatMap(this.profiles::findById);
	}

	/** All representations of one {@code _entities} call in one query. */
	@EntityMapping("Profile")
	Mono<List<@Nullable Profile>> profiles(@Argument List<String> idList) {
		return Mono.fromCallable(() -> idList.stream().map((id) -> Ids.profileId("representations.id", id)).toList())
			.flatMap(this.profiles::findAll)
			.map((found) -> found.stream().map((profile) -> profile.orElse(null)).toList());
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
