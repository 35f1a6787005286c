package dev.zielwerk.profile.identity;

import java.util.Locale;
import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.zielwerk.profile.error.InvalidInputException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Turns raw identifier values into {@link Identifier}s: e-mail trimmed and lower-cased,
 * phone in E.164, everything else trimmed. Blocked values ("null", "undefined", test
 * addresses, ...) and values that are no identifier of their type (a phone number that
 * does not parse, an e-mail without {@code @}) yield nothing, so they never link anyone.
 */
@Component
public final class IdentifierNormalizer {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private final IdentityProperties properties;

	public IdentifierNormalizer(IdentityProperties properties) {
		this.properties = properties;
	}

	public Optional<Identifier> normalize(IdentityType type, String raw) {
		String trimmed = raw.strip();
		@Nullable String value = switch (type) {
			case EMAIL -> email(trimmed);
			case PHONE -> phone(trimmed);
			case CUSTOM -> custom(trimmed);
			default -> trimmed;
		};
		if (value == null || value.isEmpty() || blocked(value)) {
			return Optional.empty();
		}
		return Optional.of(new Identifier(type, value));
	}

	/**
	 * The normalized identifier for a lookup or an explicit link; a value that can never
	 * identify anyone is bad input on field {@code value}.
	 */
	public Identifier require(IdentityType type, String raw) {
		return normalize(type, raw).orElseThrow(() -> new InvalidInputException("value",
				"\"" + raw + "\" is no usable " + type + " identifier (malformed or a blocked value)"));
	}

	/** True when the value never identifies anyone. */
	public boolean blocked(String value) {
		java.util.Set<String> blocked = this.properties.blockedValues();
		return blocked != null && blocked.contains(value.strip().toLowerCase(Locale.ROOT));
	}

	private static @Nullable String email(String value) {
		String lower = value.toLowerCase(Locale.ROOT);
		int at = lower.indexOf('@');
		return (at > 0 && at == lower.lastIndexOf('@') && at < lower.length() - 1 && lower.indexOf(' ') < 0) ? lower
				: null;
	}

	private @Nullable String phone(String value) {
		try {
			PhoneNumber number = PHONES.parse(value, this.properties.defaultRegion());
			return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	private @Nullable String custom(String value) {
		int colon = value.indexOf(':');
		if (colon <= 0 || colon == value.length() - 1) {
			return null;
		}
		String namespace = value.substring(0, colon).strip().toLowerCase(Locale.ROOT);
		String id = value.substring(colon + 1).strip();
		return (namespace.isEmpty() || id.isEmpty() || blocked(id)) ? null : namespace + ":" + id;
	}

}
