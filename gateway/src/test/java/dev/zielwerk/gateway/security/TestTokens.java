package dev.zielwerk.gateway.security;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

/**
 * Signs test JWTs the way an identity provider would (and the ways an attacker would):
 * HS256 with a secret, RS256 and ES256 with generated keys, {@code alg: none}.
 */
final class TestTokens {

	static final String ISSUER = "https://issuer.test";

	static final String AUDIENCE = "zielwerk-api";

	static final String HS_SECRET = "hs256-secret-for-tests-0123456789abcdefgh";

	private static final JsonMapper JSON = JsonMapper.shared();

	private TestTokens() {
	}

	static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static KeyPair ec() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Claims of a valid token for a subject, valid for 5 minutes. */
	static Map<String, Object> claims(String subject, String scope) {
		Map<String, Object> claims = new LinkedHashMap<>();
		long now = Instant.now().getEpochSecond();
		claims.put("iss", ISSUER);
		claims.put("aud", List.of(AUDIENCE, "other"));
		claims.put("sub", subject);
		claims.put("scope", scope);
		claims.put("iat", now);
		claims.put("nbf", now - 5);
		claims.put("exp", now + 300);
		return claims;
	}

	static String hs256(Map<String, Object> claims) {
		return hs256(claims, HS_SECRET.getBytes(StandardCharsets.UTF_8));
	}

	static String hs256(Map<String, Object> claims, byte[] secret) {
		String input = segment(Map.of("alg", "HS256", "typ", "JWT")) + "." + segment(claims);
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return input + "." + base64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String rs256(Map<String, Object> claims, KeyPair keys, String kid) {
		return sign(claims, keys, kid, "RS256", "SHA256withRSA");
	}

	static String es256(Map<String, Object> claims, KeyPair keys, String kid) {
		return sign(claims, keys, kid, "ES256", "SHA256withECDSAinP1363Format");
	}

	static String none(Map<String, Object> claims) {
		return segment(Map.of("alg", "none", "typ", "JWT")) + "." + segment(claims) + ".";
	}

	private static String sign(Map<String, Object> claims, KeyPair keys, String kid, String alg, String jca) {
		String input = segment(Map.of("alg", alg, "typ", "JWT", "kid", kid)) + "." + segment(claims);
		try {
			Signature signature = Signature.getInstance(jca);
			signature.initSign(keys.getPrivate());
			signature.update(input.getBytes(StandardCharsets.US_ASCII));
			return input + "." + base64(signature.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A JWKS document with the public halves of the given keys. */
	static String jwks(Map<String, KeyPair> keysByKid) {
		StringBuilder out = new StringBuilder("{\"keys\":[");
		boolean first = true;
		for (Map.Entry<String, KeyPair> entry : keysByKid.entrySet()) {
			out.append(first ? "" : ",");
			first = false;
			if (entry.getValue().getPublic() instanceof RSAPublicKey rsa) {
				out.append("{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"")
					.append(entry.getKey())
					.append("\",\"n\":\"")
					.append(base64(unsigned(rsa.getModulus(), 0)))
					.append("\",\"e\":\"")
					.append(base64(unsigned(rsa.getPublicExponent(), 0)))
					.append("\"}");
			}
			else if (entry.getValue().getPublic() instanceof ECPublicKey ec) {
				out.append("{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"")
					.append(entry.getKey())
					.append("\",\"x\":\"")
					.append(base64(unsigned(ec.getW().getAffineX(), 32)))
					.append("\",\"y\":\"")
					.append(base64(unsigned(ec.getW().getAffineY(), 32)))
					.append("\"}");
			}
		}
		return out.append("]}").toString();
	}

	static byte[] unsigned(BigInteger value, int length) {
		byte[] bytes = value.toByteArray();
		if (bytes.length > 1 && bytes[0] == 0) {
			bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
		}
		if (length > bytes.length) {
			byte[] padded = new byte[length];
			System.arraycopy(bytes, 0, padded, length - bytes.length, bytes.length);
			return padded;
		}
		return bytes;
	}

	private static String segment(Map<String, Object> json) {
		return base64(JSON.writeValueAsBytes(json));
	}

	static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
