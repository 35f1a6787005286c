package dev.zielwerk.connectors.destination.meta;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.Identifiers;
import org.jspecify.annotations.Nullable;

/**
 * The multi-key payload rows: each identifier normalised by Meta's rules, then SHA-256 in
 * lower-case hex; {@code ""} where unknown.
 */
final class MetaRows {

	static final List<String> SCHEMA = List.of("EMAIL", "PHONE", "FN", "LN", "COUNTRY", "ZIP");

	private MetaRows() {
	}

	static List<String> row(AudienceMember member) {
		return List.of(hashed(member.email(), Identifiers::email), hashed(member.phone(), Identifiers::phoneDigits),
				hashed(member.firstName(), Identifiers::lettersOnly),
				hashed(member.lastName(), Identifiers::lettersOnly),
				hashed(member.countryCode(), c -> c.strip().toLowerCase(Locale.ROOT)),
				hashed(member.postalCode(), zip -> Identifiers.postalCode(zip, member.countryCode())));
	}

	static boolean hasIdentifier(AudienceMember member) {
		return member.email() != null || member.phone() != null
				|| (member.firstName() != null && member.lastName() != null);
	}

	private static String hashed(@Nullable String value, Function<String, String> normalise) {
		if (value == null) {
			return "";
		}
		String normalised = normalise.apply(value);
		return normalised.isEmpty() ? "" : Identifiers.sha256Hex(normalised);
	}

}
