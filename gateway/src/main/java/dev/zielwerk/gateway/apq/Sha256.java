package dev.zielwerk.gateway.apq;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The lowercase hex SHA-256 of a query text's UTF-8 bytes: the hash of automatic
 * persisted queries and the operation hash in logs and metrics.
 */
public final class Sha256 {

	private Sha256() {
	}

	public static String hex(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			// every JDK ships SHA-256
			throw new IllegalStateException(ex);
		}
	}

	static boolean isHex(String hash) {
		if (hash.length() != 64) {
			return false;
		}
		for (int i = 0; i < hash.length(); i++) {
			char c = hash.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

}
