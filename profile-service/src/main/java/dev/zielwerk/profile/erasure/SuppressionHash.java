package dev.zielwerk.profile.erasure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The suppression hash of an identifier: lower-case hex SHA-256 of
 * {@code TYPE:normalizedValue}. Ingestion computes the same to drop messages of erased
 * people.
 */
public final class SuppressionHash {

	private SuppressionHash() {
	}

	public static String of(String identityType, String normalizedValue) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] hash = digest.digest((identityType + ":" + normalizedValue).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform must provide SHA-256
			throw new IllegalStateException(ex);
		}
	}

}
