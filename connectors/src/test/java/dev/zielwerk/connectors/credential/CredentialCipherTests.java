package dev.zielwerk.connectors.credential;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CredentialCipherTests {

	private static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);

	private static final String KEY_2 = Base64.getEncoder()
		.encodeToString("0123456789abcdef0123456789abcdef".getBytes());

	private final CredentialCipher cipher = CredentialCipher.from(new CredentialKeyProperties(KEY_1, "k1", Map.of()));

	@Test
	void roundTripsWithTheKeyIdPrefixAndAFreshIvEachTime() {
		String first = this.cipher.encrypt(Secret.of("key-us19"), "destination-1");
		String second = this.cipher.encrypt(Secret.of("key-us19"), "destination-1");
		assertThat(first).startsWith("k1:").doesNotContain("key-us19").isNotEqualTo(second);
		assertThat(this.cipher.decrypt(first, "destination-1").reveal()).isEqualTo("key-us19");
		// 12-byte IV + 8 plaintext bytes + 16-byte tag
		assertThat(Base64.getDecoder().decode(first.substring(3))).hasSize(12 + 8 + 16);
	}

	@Test
	void detectsATamperedCiphertext() {
		String stored = this.cipher.encrypt(Secret.of("token"), "d1");
		byte[] raw = Base64.getDecoder().decode(stored.substring(3));
		raw[raw.length - 1] ^= 1;
		String tampered = "k1:" + Base64.getEncoder().encodeToString(raw);
		assertThatExceptionOfType(CredentialTamperedException.class)
			.isThrownBy(() -> this.cipher.decrypt(tampered, "d1"));
	}

	@Test
	void refusesACiphertextMovedToAnotherDestination() {
		String stored = this.cipher.encrypt(Secret.of("token"), "d1");
		assertThatExceptionOfType(CredentialTamperedException.class)
			.isThrownBy(() -> this.cipher.decrypt(stored, "d2"));
	}

	@Test
	void decryptsUnderARetiredKeyAfterRotationAndFlagsIt() {
		String old = this.cipher.encrypt(Secret.of("token"), "d1");
		CredentialCipher rotated = CredentialCipher.from(new CredentialKeyProperties(KEY_2, "k2", Map.of("k1", KEY_1)));
		assertThat(rotated.decrypt(old, "d1").reveal()).isEqualTo("token");
		assertThat(rotated.needsRotation(old)).isTrue();
		assertThat(rotated.encrypt(Secret.of("token"), "d1")).startsWith("k2:");
		assertThatExceptionOfType(CredentialTamperedException.class)
			.isThrownBy(() -> this.cipher.decrypt(rotated.encrypt(Secret.of("token"), "d1"), "d1"));
	}

	@Test
	void refusesKeysThatAreNot256Bits() {
		assertThatIllegalArgumentException().isThrownBy(() -> CredentialCipher
			.from(new CredentialKeyProperties(Base64.getEncoder().encodeToString(new byte[16]), "k1", Map.of())));
	}

	@Test
	void neverPrintsSecrets() {
		Secret secret = Secret.of("super-secret");
		assertThat(secret).hasToString("****");
		assertThat(new CredentialKeyProperties(KEY_1, "k1", Map.of()).toString()).doesNotContain(KEY_1);
		assertThat(
				new dev.zielwerk.connectors.destination.meta.MetaSettings(secret, "a1", "v21.0", "http://x").toString())
			.doesNotContain("super-secret");
	}

}
