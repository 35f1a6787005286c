package dev.zielwerk.profile.partner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.zielwerk.profile.identity.IdentityType;

/**
 * The hashes partners know people by, computed as the ad platforms compute theirs (Meta
 * Custom Audiences, Google Customer Match): normalize, then SHA-256 as lower-case hex.
 * E-mail: trimmed, lower-cased. Phone: digits only, without leading zeros, with the
 * country code and without "+" ({@code +1 555-987-6543} becomes {@code 15559876543}). The
 * SQL function {@code partner_hash} (migration V70) is the database's twin used to find
 * people by hash.
 */
public final class PartnerHashing {

	/**
	 * The identifier types a share can carry: those with a normalization partners share.
	 */
	public static final Set<IdentityType> SHAREABLE = Set.of(IdentityType.EMAIL, IdentityType.PHONE);

	private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

	private PartnerHashing() {
	}

	/** The normalized form that gets hashed. */
	public static String normalize(IdentityType type, String value) {
		return switch (type) {
			case EMAIL -> value.strip().toLowerCase(Locale.ROOT);
			case PHONE -> value.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
			default -> throw new IllegalArgumentException(type + " has no partner normalization");
		};
	}

	/** Lower-case hex SHA-256 of the normalized value. */
	public static String hash(IdentityType type, String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(normalize(type, value).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	/** True for 64 lower-case hex digits, the only form a hash is accepted in. */
	public static boolean isHash(String text) {
		return HASH.matcher(text).matches();
	}

}
