package dev.zielwerk.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Mints and verifies the identity token the gateway sends to subgraphs. A compact JWS
 * with {@code alg: HS256} only: the algorithm is fixed, never read from the token, so
 * {@code alg: none} and algorithm confusion cannot apply.
 */
public final class IdentityTokens {

	/** The header that carries the token on every subgraph request. */
	public static final String HEADER = "X-Zielwerk-Identity";

	/**
	 * Short: the token only has to survive one subgraph fetch; clock skew between hosts
	 * is allowed for.
	 */
	public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(2);

	private static final int MIN_SECRET_BYTES = 32;

	private static final String HEADER_SEGMENT = base64(
			"{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SecretKeySpec key;

	/**
	 * @param secret the shared secret ({@code zielwerk.identity.secret}); at least 32
	 * bytes, as RFC 7518 asks of HS256
	 */
	public IdentityTokens(String secret) {
		byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
		if (bytes.length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(
					"zielwerk.identity.secret must be at least " + MIN_SECRET_BYTES + " bytes, it is " + bytes.length);
		}
		this.key = new SecretKeySpec(bytes, "HmacSHA256");
	}

	public String mint(CallerIdentity identity) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", identity.subject());
		claims.put("scope", String.join(" ", new TreeSet<>(identity.scopes())));
		claims.put("roles", List.copyOf(new TreeSet<>(identity.roles())));
		if (identity.partnerId() != null) {
			claims.put("partner_id", identity.partnerId());
		}
		claims.put("exp", identity.expiresAt().getEpochSecond());
		String payload = base64(JSON.writeValueAsBytes(claims));
		String signingInput = HEADER_SEGMENT + "." + payload;
		return signingInput + "." + base64(sign(signingInput));
	}

	/**
	 * @throws InvalidIdentityException when the token is malformed, not signed with the
	 * shared secret, or expired
	 */
	public CallerIdentity verify(String token, Instant now) {
		String[] parts = token.split("\\.", -1);
		if (parts.length != 3) {
			throw new InvalidIdentityException(
					"identity token must have 3 dot-separated parts, it has " + parts.length);
		}
		if (!MessageDigest.isEqual(parts[0].getBytes(StandardCharsets.US_ASCII),
				HEADER_SEGMENT.getBytes(StandardCharsets.US_ASCII))) {
			throw new InvalidIdentityException("identity token header must be HS256");
		}
		byte[] expected = sign(parts[0] + "." + parts[1]);
		byte[] given;
		try {
			given = Base64.getUrlDecoder().decode(parts[2]);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidIdentityException("identity token signature is not base64url");
		}
		if (!MessageDigest.isEqual(expected, given)) {
			throw new InvalidIdentityException("identity token signature does not match");
		}
		JsonNode claims;
		try {
			claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw new InvalidIdentityException("identity token payload is not base64url JSON");
		}
		Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong(0));
		if (now.isAfter(expiresAt.plus(CLOCK_SKEW))) {
			throw new InvalidIdentityException("identity token expired at " + expiresAt);
		}
		String subject = claims.path("sub").asString("");
		if (subject.isBlank()) {
			throw new InvalidIdentityException("identity token has no sub");
		}
		Set<String> scopes = new TreeSet<>();
		for (String scope : claims.path("scope").asString("").split(" ")) {
			if (!scope.isBlank()) {
				scopes.add(scope);
			}
		}
		List<String> roles = new ArrayList<>();
		claims.path("roles").forEach((role) -> roles.add(role.asString()));
		JsonNode partner = claims.get("partner_id");
		String partnerId = (partner == null || partner.isNull()) ? null : partner.asString();
		return new CallerIdentity(subject, scopes, Set.copyOf(roles), partnerId, expiresAt);
	}

	private byte[] sign(String signingInput) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JDK", ex);
		}
	}

	private static String base64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
