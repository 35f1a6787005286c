package dev.zielwerk.connectors.destination.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.zielwerk.connectors.credential.Secret;

/**
 * Standard Webhooks symmetric signatures: {@code v1,} followed by the base64 HMAC-SHA256,
 * keyed with the base64-decoded part of the {@code whsec_} secret, of
 * {@code "{webhook-id}.{webhook-timestamp}.{raw body}"}.
 */
public final class WebhookSigner {

	private static final String PREFIX = "whsec_";

	private final byte[] key;

	private WebhookSigner(byte[] key) {
		this.key = key;
	}

	/**
	 * A signer for a {@code whsec_} secret.
	 * @param secret {@code whsec_} and base64 of 24 to 64 random bytes
	 * @return the signer
	 */
	public static WebhookSigner of(Secret secret) {
		String value = secret.reveal();
		String encoded = value.startsWith(PREFIX) ? value.substring(PREFIX.length()) : value;
		byte[] key;
		try {
			key = Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("webhook secret is not whsec_ followed by base64");
		}
		return new WebhookSigner(key);
	}

	/**
	 * The {@code webhook-signature} entry for one message.
	 * @param id the {@code webhook-id}
	 * @param timestamp the {@code webhook-timestamp} in Unix seconds
	 * @param body the exact bytes sent
	 * @return {@code v1,<base64>}
	 */
	public String sign(String id, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	/**
	 * Whether any entry of a {@code webhook-signature} header (entries separated by
	 * spaces, for key rotation) matches, compared in constant time.
	 * @param id the {@code webhook-id}
	 * @param timestamp the {@code webhook-timestamp}
	 * @param body the raw body
	 * @param header the {@code webhook-signature} header
	 * @return {@code true} when one {@code v1} entry matches
	 */
	public boolean verify(String id, long timestamp, byte[] body, String header) {
		byte[] expected = sign(id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
		boolean matched = false;
		for (String entry : header.trim().split(" +")) {
			matched |= MessageDigest.isEqual(expected, entry.getBytes(StandardCharsets.US_ASCII));
		}
		return matched;
	}

	@Override
	public String toString() {
		return "WebhookSigner[****]";
	}

}
