package dev.zielwerk.connectors.destination;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One person to add to or remove from a destination audience, with the identifiers a
 * destination may match on. Values arrive normalised by profile-service (e-mail trimmed,
 * phone in E.164 with a leading {@code +}); each client applies its destination's own
 * normalisation and hashing on top.
 * <p>
 * {@link #toString()} shows only the key: identifiers are personal data and must never
 * reach a log line.
 *
 * @param key the sync's primary key for the person (the profile id); outcomes refer to it
 * @param email e-mail address, if known
 * @param phone phone number in E.164 ({@code +4917...}), if known
 * @param firstName given name, if known
 * @param lastName family name, if known
 * @param countryCode ISO-3166 alpha-2 country, if known
 * @param postalCode postal code, if known
 */
public record AudienceMember(String key, @Nullable String email, @Nullable String phone, @Nullable String firstName,
		@Nullable String lastName, @Nullable String countryCode, @Nullable String postalCode) {

	public AudienceMember {
		Objects.requireNonNull(key, "key");
	}

	/**
	 * A member known only by key and e-mail.
	 * @param key the sync key
	 * @param email the e-mail address
	 * @return the member
	 */
	public static AudienceMember ofEmail(String key, String email) {
		return new AudienceMember(key, email, null, null, null, null, null);
	}

	@Override
	public String toString() {
		return "AudienceMember[key=" + this.key + "]";
	}

}
