package dev.zielwerk.profile.partner;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.zielwerk.profile.error.InvalidInputException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Cursors a partner can neither read nor forge: AES-256-GCM over the position, with the
 * share and the partner as associated data, so a cursor only works for the partner and
 * the share it was issued for, and holds no profile id in the clear (segment-service
 * orders members by profile id). The key is derived from {@code zielwerk.identity.secret}
 * so every instance opens every other instance's cursors; without that secret a random
 * key is used and cursors live as long as the process.
 */
@Component
final class SealedCursors {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	SealedCursors(@Value("${zielwerk.identity.secret:}") String secret) {
		this.key = new SecretKeySpec(derive(secret), "AES");
	}

	String seal(String position, String boundTo) {
		try {
			byte[] nonce = new byte[NONCE_BYTES];
			this.random.nextBytes(nonce);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(position.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/GCM is part of every JDK", ex);
		}
	}

	/**
	 * @throws InvalidInputException on {@code field} when the cursor was not issued by
	 * this service for {@code boundTo}
	 */
	String open(String field, String cursor, String boundTo) {
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(cursor);
			if (bytes.length <= NONCE_BYTES) {
				throw new IllegalArgumentException("too short");
			}
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
			cipher.updateAAD(boundTo.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			throw new InvalidInputException(field, "not a cursor this API issued for this share and partner");
		}
	}

	private static byte[] derive(String secret) {
		if (secret.isBlank()) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			return random;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return mac.doFinal("zielwerk partner cursor key v1".getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

}
