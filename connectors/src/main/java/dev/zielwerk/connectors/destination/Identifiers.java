package dev.zielwerk.connectors.destination;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Identifier normalisation and hashing shared by the destination clients. Each
 * destination states its own rules (destinations.md); the methods are named for the rule,
 * not the vendor, and the vendors' published test vectors are asserted in the tests.
 */
public final class Identifiers {

	private Identifiers() {
	}

	/**
	 * Lower-case hex SHA-256 of the UTF-8 bytes.
	 * @param value the normalised value
	 * @return 64 hex characters
	 */
	public static String sha256Hex(String value) {
		return HexFormat.of().formatHex(digest("SHA-256", value));
	}

	/**
	 * Lower-case hex MD5 of the UTF-8 bytes (Mailchimp's subscriber hash, a resource key,
	 * not a privacy measure).
	 * @param value the value
	 * @return 32 hex characters
	 */
	public static String md5Hex(String value) {
		return HexFormat.of().formatHex(digest("MD5", value));
	}

	/**
	 * E-mail for matching: control characters and surrounding whitespace removed,
	 * trailing dots removed (as Meta's SDK does), lower-cased.
	 * @param email the address
	 * @return the normalised address
	 */
	public static String email(String email) {
		String cleaned = email.replaceAll("\\p{Cntrl}", "").strip();
		while (cleaned.endsWith(".")) {
			cleaned = cleaned.substring(0, cleaned.length() - 1);
		}
		return cleaned.toLowerCase(Locale.ROOT);
	}

	/**
	 * Phone as digits with the country code and no {@code +} (Meta: {@code 15559876543}).
	 * Leading zeros are removed, as a number already in E.164 never starts with one.
	 * @param e164 the number in E.164
	 * @return the digits
	 */
	public static String phoneDigits(String e164) {
		return e164.replaceAll("[^0-9]", "").replaceFirst("^0+", "");
	}

	/**
	 * Phone in E.164 with the leading {@code +} (Google: {@code +12125650000}).
	 * @param e164 the number, possibly with spaces or symbols
	 * @return {@code +} and the digits
	 */
	public static String phonePlusE164(String e164) {
		return "+" + phoneDigits(e164);
	}

	/**
	 * A name with letters only, lower-cased (Meta FN/LN: no punctuation, UTF-8 letters
	 * kept).
	 * @param name the name
	 * @return the normalised name
	 */
	public static String lettersOnly(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}]", "");
	}

	/**
	 * A name trimmed and lower-cased (Google Customer Match).
	 * @param name the name
	 * @return the normalised name
	 */
	public static String trimmedLower(String name) {
		return name.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * Postal code lower-cased without spaces; US codes cut to their first five digits.
	 * @param postalCode the code
	 * @param countryCode the ISO country, if known
	 * @return the normalised code
	 */
	public static String postalCode(String postalCode, @Nullable String countryCode) {
		String code = postalCode.toLowerCase(Locale.ROOT).replaceAll("\\s", "");
		if ("us".equalsIgnoreCase(countryCode) && code.length() > 5) {
			code = code.substring(0, 5);
		}
		return code;
	}

	private static byte[] digest(String algorithm, String value) {
		try {
			return MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			// SHA-256 and MD5 are required of every Java platform
			throw new IllegalStateException(ex);
		}
	}

}
