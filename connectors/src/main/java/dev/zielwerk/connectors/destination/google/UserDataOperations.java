package dev.zielwerk.connectors.destination.google;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.Identifiers;

/**
 * Builds Customer Match {@code UserData}: one {@code UserIdentifier} per identifier,
 * e-mail, phone (E.164 with {@code +}) and names trimmed, lower-cased and SHA-256 hashed;
 * country and postal code in clear inside {@code addressInfo}, as Google requires.
 */
final class UserDataOperations {

	private UserDataOperations() {
	}

	static List<Map<String, Object>> identifiers(AudienceMember member) {
		List<Map<String, Object>> identifiers = new ArrayList<>(3);
		if (member.email() != null) {
			identifiers.add(Map.of("hashedEmail", Identifiers.sha256Hex(Identifiers.email(member.email()))));
		}
		if (member.phone() != null) {
			identifiers
				.add(Map.of("hashedPhoneNumber", Identifiers.sha256Hex(Identifiers.phonePlusE164(member.phone()))));
		}
		if (member.firstName() != null && member.lastName() != null && member.countryCode() != null
				&& member.postalCode() != null) {
			Map<String, Object> address = new LinkedHashMap<>();
			address.put("hashedFirstName", Identifiers.sha256Hex(Identifiers.trimmedLower(member.firstName())));
			address.put("hashedLastName", Identifiers.sha256Hex(Identifiers.trimmedLower(member.lastName())));
			address.put("countryCode", member.countryCode().strip().toUpperCase(Locale.ROOT));
			address.put("postalCode", member.postalCode().strip());
			identifiers.add(Map.of("addressInfo", address));
		}
		return identifiers;
	}

	static Map<String, Object> operation(String kind, AudienceMember member) {
		return Map.of(kind, Map.of("userIdentifiers", identifiers(member)));
	}

}
