package dev.zielwerk.connectors.credential;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts destination credentials for storage with AES-256-GCM.
 * <p>
 * Format: {@code <keyId>:<base64(iv ‖ ciphertext ‖ tag)>} with a random 96-bit IV per
 * encryption and a 128-bit tag. The key id and a caller-chosen context (the destination
 * id) are authenticated as associated data, so a ciphertext moved to another destination
 * row or relabelled with another key id fails to decrypt. Old keys stay usable for
 * decryption under their id while new encryptions use the current key.
 */
public final class CredentialCipher {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecureRandom random = new SecureRandom();

	private final String currentKeyId;

	private final Map<String, SecretKey> keys;

	private CredentialCipher(String currentKeyId, Map<String, SecretKey> keys) {
		this.currentKeyId = currentKeyId;
		this.keys = Map.copyOf(keys);
	}

	/**
	 * A cipher from configuration.
	 * @param properties the configured keys
	 * @return the cipher
	 * @throws IllegalArgumentException when the key is missing or not 256 bits
	 */
	public static CredentialCipher from(CredentialKeyProperties properties) {
		String key = properties.credentialKey();
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("zielwerk.connectors.credential-key is not set");
		}
		Map<String, SecretKey> keys = new HashMap<>();
		properties.retiredCredentialKeys().forEach((id, value) -> keys.put(id, aesKey(id, value)));
		keys.put(properties.credentialKeyId(), aesKey(properties.credentialKeyId(), key));
		return new CredentialCipher(properties.credentialKeyId(), keys);
	}

	/**
	 * Encrypts a credential under the current key.
	 * @param plaintext the credential
	 * @param context what the credential belongs to (the destination id); needed again to
	 * decrypt
	 * @return the stored form
	 */
	public String encrypt(Secret plaintext, String context) {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, this.keys.get(this.currentKeyId), iv, this.currentKeyId,
					context);
			byte[] sealed = cipher.doFinal(plaintext.reveal().getBytes(StandardCharsets.UTF_8));
			byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
			return this.currentKeyId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable", ex);
		}
	}

	/**
	 * Decrypts a stored credential.
	 * @param stored the stored form
	 * @param context the context given at encryption
	 * @return the credential
	 * @throws CredentialTamperedException when the ciphertext, key id or context do not
	 * match what was encrypted, or the key id is unknown
	 */
	public Secret decrypt(String stored, String context) {
		int colon = stored.indexOf(':');
		if (colon <= 0) {
			throw new CredentialTamperedException("stored credential has no key id");
		}
		String keyId = stored.substring(0, colon);
		SecretKey key = this.keys.get(keyId);
		if (key == null) {
			throw new CredentialTamperedException("unknown credential key id " + keyId);
		}
		try {
			byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
			if (in.length < IV_BYTES + TAG_BITS / 8) {
				throw new CredentialTamperedException("stored credential is truncated");
			}
			Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(in, IV_BYTES), keyId, context);
			byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
			return Secret.of(new String(plain, StandardCharsets.UTF_8));
		}
		catch (AEADBadTagException | IllegalArgumentException ex) {
			throw new CredentialTamperedException("stored credential failed authentication");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM is unavailable", ex);
		}
	}

	/**
	 * Whether a stored credential should be re-encrypted under the current key.
	 * @param stored the stored form
	 * @return {@code true} when it uses a retired key
	 */
	public boolean needsRotation(String stored) {
		return !stored.startsWith(this.currentKeyId + ":");
	}

	private static Cipher cipher(int mode, SecretKey key, byte[] iv, String keyId, String context)
			throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
		cipher.updateAAD((keyId + "\n" + context).getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	private static SecretKey aesKey(String id, String base64) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("credential key " + id + " is not base64");
		}
		if (bytes.length != 32) {
			throw new IllegalArgumentException("credential key " + id + " must be 256 bits, is " + bytes.length * 8);
		}
		return new SecretKeySpec(bytes, "AES");
	}

	@Override
	public String toString() {
		return "CredentialCipher[currentKeyId=" + this.currentKeyId + "]";
	}

}
