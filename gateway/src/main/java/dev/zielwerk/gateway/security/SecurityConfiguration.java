package dev.zielwerk.gateway.security;

import java.time.Clock;

import dev.zielwerk.identity.IdentityTokens;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Wires authentication: the JWT verifier (with a JWKS key source when a URL is set), the
 * API keys, the {@link RequestAuthenticator} other transports reuse, the web filter in
 * front of {@code /graphql}, and the identity header minter for subgraph fetches.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Log logger = LogFactory.getLog(SecurityConfiguration.class);

	@Bean
	RequestAuthenticator requestAuthenticator(SecurityProperties properties, JsonMapper mapper) {
		SecurityProperties.Jwt jwt = properties.jwt();
		JwksKeys jwks = StringUtils.hasText(jwt.jwksUrl()) ? new JwksKeys(jwt.jwksUrl(), mapper, jwt.jwksCacheTtl(),
				jwt.jwksRefetchInterval(), jwt.jwksTimeout(), Clock.systemUTC()) : null;
		JwtVerifier verifier = new JwtVerifier(jwt, jwks, mapper, Clock.systemUTC());
		if (verifier.enabled() && !StringUtils.hasText(jwt.issuer()) && jwt.audiences().isEmpty()) {
			logger.warn("Bearer tokens are accepted without an issuer or audience check: set "
					+ "zielwerk.gateway.security.jwt.issuer and .audiences");
		}
		return new RequestAuthenticator(verifier, new ApiKeys(properties.apiKeys()), Clock.systemUTC());
	}

	@Bean
	AuthenticationWebFilter authenticationWebFilter(RequestAuthenticator authenticator, JsonMapper mapper) {
		return new AuthenticationWebFilter(authenticator, mapper, "/graphql");
	}

	@Bean
	IdentityHeaders identityHeaders(SecurityProperties properties,
			@Value("${zielwerk.identity.secret:}") String sharedSecret) {
		String secret = StringUtils.hasText(properties.identitySecret()) ? properties.identitySecret() : sharedSecret;
		if (!StringUtils.hasText(secret)) {
			logger.warn("No zielwerk.identity.secret: subgraphs get no " + IdentityTokens.HEADER
					+ " header and cannot tell who is calling");
			return IdentityHeaders.disabled();
		}
		return new IdentityHeaders(new IdentityTokens(secret), IdentityTokens.DEFAULT_LIFETIME, Clock.systemUTC());
	}

}
