package dev.zielwerk.profile.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A normalized identifier. Only {@link IdentifierNormalizer} creates them from raw input,
 * so a value here is already trimmed, lower-cased or in E.164 as its type requires.
 */
public record Identifier(IdentityType type, String value) implements Comparable<Identifier> {

	/**
	 * Lower-case hex SHA-256 of {@code TYPE:value}: the form kept in {@code suppressions}
	 * after an erasure.
	 */
	public String suppressionHash() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest((this.type.name() + ":" + this.value).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	@Override
	public int compareTo(Identifier other) {
		int byType = this.type.compareTo(other.type);
		return (byType != 0) ? byType : this.value.compareTo(other.value);
	}

}
