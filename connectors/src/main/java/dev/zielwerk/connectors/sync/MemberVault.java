package dev.zielwerk.connectors.sync;

import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.zielwerk.connectors.credential.CredentialCipher;
import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.AudienceMember;
import dev.zielwerk.connectors.destination.Identifiers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seals the identifiers a destination holds for a member: a hash to see whether they
 * changed, and the AES-GCM encrypted values (bound to sync and member) that a later
 * removal or erasure must send, even after the source changed or forgot them.
 */
final class MemberVault {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final CredentialCipher cipher;

	MemberVault(CredentialCipher cipher) {
		this.cipher = cipher;
	}

	static String hash(AudienceMember member) {
		String canonical = Arrays
			.stream(new String[] { member.email(), member.phone(), member.firstName(), member.lastName(),
					member.countryCode(), member.postalCode() })
			.map((value) -> Objects.requireNonNullElse(value, ""))
			.collect(Collectors.joining("\u0000"));
		return Identifiers.sha256Hex(canonical);
	}

	String seal(UUID syncId, AudienceMember member) {
		return this.cipher.encrypt(Secret.of(JSON.writeValueAsString(member)), context(syncId, member.key()));
	}

	AudienceMember open(UUID syncId, String memberKey, String sealed) {
		return JSON.readValue(this.cipher.decrypt(sealed, context(syncId, memberKey)).reveal(), AudienceMember.class);
	}

	private static String context(UUID syncId, String memberKey) {
		return "synced-member:" + syncId + ":" + memberKey;
	}

}
