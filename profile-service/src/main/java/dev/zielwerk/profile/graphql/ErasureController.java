package dev.zielwerk.profile.graphql;

import dev.zielwerk.profile.erasure.ErasureReceipt;
import dev.zielwerk.profile.erasure.ProfileErasure;
import dev.zielwerk.profile.error.InvalidInputException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** The {@code eraseProfile} mutation (GDPR Art. 17). */
@Controller
final class ErasureController {

	private final ProfileErasure erasure;

	ErasureController(ProfileErasure erasure) {
		this.erasure = erasure;
	}

	@MutationMapping
	Mono<ErasureReceipt> eraseProfile(@Argument EraseProfileInput input) {
		return Mono.fromCallable(() -> {
			if (input.requestedBy().isBlank()) {
				throw new InvalidInputException("input.requestedBy", "must name who asked for the erasure");
			}
			return ProfileController.Ids.profileId("input.profileId", input.profileId());
		}).flatMap((id) -> this.erasure.erase(id, input.requestedBy(), input.reason()));
	}

	record EraseProfileInput(String profileId, String requestedBy, @Nullable String reason) {
	}

}
