package dev.zielwerk.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.zielwerk.identity.CallerIdentity;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies compact JWS bearer tokens (RFC 7515, 7519). Accepted: HS256 with the
 * configured secret, RS256 and ES256 with a key from the JWKS URL; every other
 * {@code alg}, {@code none} included, is refused. The algorithm decides where the key
 * comes from (the secret for HS256, the key set for the others, where a key must also be
 * of the matching type), so a public key can never serve as an HMAC secret. Then
 * {@code exp}, {@code nbf} (with clock skew), {@code iss} and {@code aud} are checked,
 * and the claims become a {@link CallerIdentity}: scopes from {@code scope}
 * (space-separated), {@code scp} and {@code scopes}; roles from {@code roles}; the
 * partner from the partner claim.
 */
public final class JwtVerifier {

	private static final int MAX_TOKEN_CHARS = 16 * 1024;

	private final SecurityProperties.Jwt config;

	private final @Nullable SecretKeySpec hmacKey;

	private final @Nullable JwksKeys jwks;

	private final JsonMapper mapper;

	private final Clock clock;

	/**
	 * Creates a verifier.
	 * @param config the JWT settings
	 * @param jwks the key set for RS256 and ES256, or null to refuse them
	 * @param mapper JSON parsing
	 * @param clock the clock
	 */
	public JwtVerifier(SecurityProperties.Jwt config, @Nullable JwksKeys jwks, JsonMapper mapper, Clock clock) {
		this.config = config;
		this.jwks = jwks;
		this.mapper = mapper;
		this.clock = clock;
		String secret = config.hs256Secret();
		if (secret != null && !secret.isEmpty()) {
			byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
			if (bytes.length < 32) {
				throw new IllegalArgumentException(
						"zielwerk.gateway.security.jwt.hs256-secret must be at least 32 bytes (RFC 7518), it is "
								+ bytes.length);
			}
			this.hmacKey = new SecretKeySpec(bytes, "HmacSHA256");
		}
		else {
			this.hmacKey = null;
		}
	}

	/**
	 * Whether any algorithm is configured at all.
	 * @return false when neither a secret nor a JWKS URL is set
	 */
	public boolean enabled() {
		return this.hmacKey != null || this.jwks != null;
	}

	/**
	 * Verifies a token.
	 * @param token the compact JWS
	 * @return the caller, or an {@link AuthenticationException} saying what is wrong
	 */
	public Mono<CallerIdentity> verify(String token) {
		return Mono.defer(() -> {
			Parts parts = parse(token);
			String alg = parts.header().path("alg").asString("");
			return switch (alg) {
				case "HS256" -> {
					verifyHmac(parts);
					yield Mono.just(identity(parts.claims()));
				}
				case "RS256", "ES256" -> {
					JwksKeys keys = this.jwks;
					if (keys == null) {
						throw new AuthenticationException("Tokens signed with " + alg + " are not accepted.");
					}
					String kid = parts.header().hasNonNull("kid") ? parts.header().path("kid").asString() : null;
					yield keys.key(kid, alg).map((key) -> {
						verifySignature(parts, alg, key);
						return identity(parts.claims());
					});
				}
				default -> throw new AuthenticationException("Tokens signed with \"" + alg + "\" are not accepted.");
			};
		});
	}

	private Parts parse(String token) {
		if (token.length() > MAX_TOKEN_CHARS) {
			throw new AuthenticationException("The token is longer than " + MAX_TOKEN_CHARS + " characters.");
		}
		String[] segments = token.split("\\.", -1);
		if (segments.length != 3) {
			throw new AuthenticationException("The token is not a compact JWS (three dot-separated parts).");
		}
		JsonNode header = json(segments[0], "header");
		if (header.has("crit")) {
			throw new AuthenticationException("The token's header has critical extensions the gateway does not know.");
		}
		JsonNode claims = json(segments[1], "claims");
		byte[] signature;
		try {
			signature = Base64.getUrlDecoder().decode(segments[2]);
		}
		catch (IllegalArgumentException ex) {
			throw new AuthenticationException("The token's signature is not base64url.");
		}
		return new Parts(header, claims, (segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII),
				signature);
	}

	private JsonNode json(String segment, String what) {
		try {
			JsonNode node = this.mapper.readTree(Base64.getUrlDecoder().decode(segment));
			if (node == null || !node.isObject()) {
				throw new AuthenticationException("The token's " + what + " is not a JSON object.");
			}
			return node;
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new AuthenticationException("The token's " + what + " is not base64url JSON.");
		}
	}

	private void verifyHmac(Parts parts) {
		SecretKeySpec key = this.hmacKey;
		if (key == null) {
			throw new AuthenticationException("Tokens signed with HS256 are not accepted.");
		}
		byte[] expected;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			expected = mac.doFinal(parts.signingInput());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
		if (!MessageDigest.isEqual(expected, parts.signature())) {
			throw new AuthenticationException("The token's signature is not valid.");
		}
	}

	private static void verifySignature(Parts parts, String alg, PublicKey key) {
		try {
			Signature verifier;
			if (alg.equals("ES256")) {
				// JOSE carries R || S (64 bytes), the JDK's P1363 format
				if (parts.signature().length != 64) {
					throw new AuthenticationException("The token's signature is not valid.");
				}
				verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
			}
			else {
				verifier = Signature.getInstance("SHA256withRSA");
			}
			verifier.initVerify(key);
			verifier.update(parts.signingInput());
			if (!verifier.verify(parts.signature())) {
				throw new AuthenticationException("The token's signature is not valid.");
			}
		}
		catch (GeneralSecurityException ex) {
			throw new AuthenticationException("The token's signature is not valid.");
		}
	}

	private CallerIdentity identity(JsonNode claims) {
		Instant now = this.clock.instant();
		JsonNode exp = claims.get("exp");
		Instant expiresAt;
		if (exp == null || exp.isNull()) {
			if (this.config.requireExpiry()) {
				throw new AuthenticationException("The token has no expiry (exp).");
			}
			expiresAt = now.plus(this.config.clockSkew()).plusSeconds(3600);
		}
		else {
			expiresAt = Instant.ofEpochSecond(numericDate(exp, "exp"));
			if (now.isAfter(expiresAt.plus(this.config.clockSkew()))) {
				throw new AuthenticationException("The token has expired.");
			}
		}
		JsonNode nbf = claims.get("nbf");
		if (nbf != null && !nbf.isNull()
				&& now.plus(this.config.clockSkew()).isBefore(Instant.ofEpochSecond(numericDate(nbf, "nbf")))) {
			throw new AuthenticationException("The token is not valid yet (nbf).");
		}
		String issuer = this.config.issuer();
		if (issuer != null && !issuer.isEmpty() && !issuer.equals(claims.path("iss").asString(""))) {
			throw new AuthenticationException("The token's issuer (iss) is not accepted.");
		}
		List<String> audiences = this.config.audiences();
		if (!audiences.isEmpty() && strings(claims.get("aud")).stream().noneMatch(audiences::contains)) {
			throw new AuthenticationException("The token's audience (aud) is not accepted.");
		}
		String subject = claims.path("sub").asString("");
		if (subject.isBlank()) {
			subject = claims.path("client_id").asString("");
		}
		if (subject.isBlank()) {
			throw new AuthenticationException("The token names no subject (sub).");
		}
		Set<String> scopes = new LinkedHashSet<>();
		scopes.addAll(strings(claims.get("scope")));
		scopes.addAll(strings(claims.get("scp")));
		scopes.addAll(strings(claims.get("scopes")));
		Set<String> roles = new LinkedHashSet<>(strings(claims.get("roles")));
		JsonNode partner = claims.get(this.config.partnerClaim());
		String partnerId = (partner != null && partner.isString() && !partner.asString().isBlank()) ? partner.asString()
				: null;
		return Identities.checked(subject, scopes, roles, partnerId, expiresAt);
	}

	private static long numericDate(JsonNode value, String claim) {
		if (!value.isNumber()) {
			throw new AuthenticationException("The token's " + claim + " is not a number of seconds.");
		}
		return value.asLong();
	}

	/** A space-separated string or an array of strings. */
	private static List<String> strings(@Nullable JsonNode value) {
		if (value == null || value.isNull()) {
			return List.of();
		}
		if (value.isString()) {
			return List.of(value.asString().trim().split("\\s+")).stream().filter((s) -> !s.isEmpty()).toList();
		}
		if (value.isArray()) {
			return value.valueStream().filter(JsonNode::isString).map(JsonNode::asString).toList();
		}
		return List.of();
	}

	private record Parts(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {
	}

}
