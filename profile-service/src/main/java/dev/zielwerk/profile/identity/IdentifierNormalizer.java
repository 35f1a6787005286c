package dev.zielwerk.profile.identity;

import java.util.Locale;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.zielwerk.profile.error.InvalidInputException;

/**
 * Brings identifier values into the one form they are stored and looked up in: e-mail
 * trimmed and lower-cased, phone in E.164, CUSTOM as {@code namespace:value}, the others
 * trimmed. Invalid values are rejected with {@link InvalidInputException} on field
 * {@code value}.
 */
public final class IdentifierNormalizer {

	/** Region for phone numbers without a country code unless configured otherwise. */
	public static final String DEFAULT_REGION = "DE";

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private IdentifierNormalizer() {
	}

	public static String normalize(IdentityType type, String raw) {
		return normalize(type, raw, DEFAULT_REGION);
	}

	public static String normalize(IdentityType type, String raw, String defaultRegion) {
		String value = raw.strip();
		if (value.isEmpty()) {
			throw new InvalidInputException("value", "an identifier must not be blank");
		}
		return switch (type) {
			case EMAIL -> email(value);
			case PHONE -> phone(value, defaultRegion);
			case CUSTOM -> custom(value);
			case USER_ID, ANONYMOUS_ID, DEVICE_ID -> value;
		};
	}

	private static String email(String value) {
		int at = value.lastIndexOf('@');
		if (at < 1 || at == value.length() - 1 || value.chars().anyMatch(Character::isWhitespace)) {
			throw new InvalidInputException("value", "not an e-mail address");
		}
		return value.toLowerCase(Locale.ROOT);
	}

	private static String phone(String value, String defaultRegion) {
		try {
			PhoneNumber number = PHONES.parse(value, defaultRegion.toUpperCase(Locale.ROOT));
			if (!PHONES.isValidNumber(number)) {
				throw new InvalidInputException("value", "not a valid phone number");
			}
			return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
		}
		catch (NumberParseException ex) {
			throw new InvalidInputException("value", "not a phone number (" + ex.getErrorType() + ")");
		}
	}

	private static String custom(String value) {
		int colon = value.indexOf(':');
		if (colon < 1 || colon == value.length() - 1) {
			throw new InvalidInputException("value", "a CUSTOM identifier is written namespace:value");
		}
		return value;
	}

}
