package dev.zielwerk.profile.profiles;

import java.time.Instant;

import dev.zielwerk.profile.consent.ConsentPurpose;
import org.jspecify.annotations.Nullable;

/**
 * Which profiles to list; every condition that is set must hold.
 *
 * @param hasTrait trait path {@code group.name} the profile must have
 * @param traitPath trait path {@code group.name} whose value must equal
 * {@code traitValue}
 * @param traitValue the value (any JSON) the trait must equal
 * @param consented purpose whose current consent must be effective now
 * @param lastSeenAfter only profiles seen after this instant
 */
public record ProfileFilter(@Nullable TraitPath hasTrait, @Nullable TraitPath traitPath, @Nullable Object traitValue,
		@Nullable ConsentPurpose consented, @Nullable Instant lastSeenAfter) {

	public static final ProfileFilter NONE = new ProfileFilter(null, null, null, null, null);

}
