package dev.zielwerk.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Authentication and authorization settings ({@code zielwerk.gateway.security.*}). With
 * nothing configured every caller is anonymous: fields with {@code @authenticated} or
 * {@code @requiresScopes} are refused, the rest is served. The gateway README explains
 * each setting.
 *
 * @param rejectUnauthorized refuse the whole operation when any field is unauthorized,
 * instead of answering it null with a FORBIDDEN error at its path
 * @param jwt bearer token settings
 * @param apiKeys API keys for machine clients, by name (the caller's subject)
 * @param identitySecret the secret the gateway signs the subgraphs' identity header with;
 * falls back to {@code zielwerk.identity.secret}
 */
@ConfigurationProperties("zielwerk.gateway.security")
public record SecurityProperties(@DefaultValue("false") boolean rejectUnauthorized, @DefaultValue Jwt jwt,
		@DefaultValue Map<String, ApiKey> apiKeys, @Nullable String identitySecret) {

	public static SecurityProperties defaults() {
		return new SecurityProperties(false, Jwt.defaults(), Map.of(), null);
	}

	/**
	 * Bearer tokens ({@code Authorization: Bearer <jwt>}).
	 *
	 * @param issuer the required {@code iss}; not checked when empty
	 * @param audiences accepted {@code aud} values, one of which the token must carry;
	 * not checked when empty
	 * @param hs256Secret shared secret for HS256 tokens (at least 32 bytes); HS256 is
	 * refused when empty
	 * @param jwksUrl where the public keys for RS256 and ES256 are; both are refused when
	 * empty
	 * @param clockSkew tolerance for {@code exp} and {@code nbf}
	 * @param jwksCacheTtl how long fetched keys are used before they are fetched again
	 * @param jwksRefetchInterval least time between two fetches caused by an unknown
	 * {@code kid} (so forged key ids cannot flood the key server)
	 * @param jwksTimeout how long a key fetch may take
	 * @param partnerClaim the claim naming the partner a token acts for
	 * @param requireExpiry refuse tokens without {@code exp}
	 */
	public record Jwt(@Nullable String issuer, @DefaultValue List<String> audiences, @Nullable String hs256Secret,
			@Nullable String jwksUrl, @DefaultValue("60s") Duration clockSkew,
			@DefaultValue("15m") Duration jwksCacheTtl, @DefaultValue("30s") Duration jwksRefetchInterval,
			@DefaultValue("5s") Duration jwksTimeout, @DefaultValue("partner_id") String partnerClaim,
			@DefaultValue("true") boolean requireExpiry) {

		public static Jwt defaults() {
			return new Jwt(null, List.of(), null, null, Duration.ofSeconds(60), Duration.ofMinutes(15),
					Duration.ofSeconds(30), Duration.ofSeconds(5), "partner_id", true);
		}

	}

	/**
	 * One API key ({@code X-Api-Key: <key>}). Only its SHA-256 is configured, so the
	 * configuration does not hold the key itself.
	 *
	 * @param sha256 the key's SHA-256, hex
	 * @param scopes scopes the key grants
	 * @param roles roles the key grants
	 * @param partnerId the partner the key acts for, if it is a partner's key
	 */
	public record ApiKey(String sha256, @DefaultValue List<String> scopes, @DefaultValue List<String> roles,
			@Nullable String partnerId) {
	}

}
