package dev.zielwerk.identity.graphql;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;

import dev.zielwerk.identity.IdentityTokens;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * What a subgraph imports to trust the gateway's identity header
 * ({@code @Import(SubgraphIdentityConfiguration.class)}). Settings:
 * {@code zielwerk.identity.secret} (shared with the gateway; without it the header is
 * ignored), {@code zielwerk.identity.required} (default false: requests without the
 * header still run, for direct calls and existing tests), and
 * {@code zielwerk.identity.partner-fields} (coordinates open to partners besides those
 * the schema marks with {@code @requiresScopes(scopes: [["partner"]])}).
 */
@Configuration(proxyBeanMethods = false)
public class SubgraphIdentityConfiguration {

	@Bean
	SubgraphIdentityInterceptor subgraphIdentityInterceptor(@Value("${zielwerk.identity.secret:}") String secret,
			@Value("${zielwerk.identity.required:false}") boolean required) {
		return new SubgraphIdentityInterceptor(StringUtils.hasText(secret) ? new IdentityTokens(secret) : null,
				required, Clock.systemUTC());
	}

	@Bean
	PartnerFieldGuard partnerFieldGuard(@Value("${zielwerk.identity.partner-fields:}") List<String> partnerFields) {
		return new PartnerFieldGuard(new LinkedHashSet<>(partnerFields.stream().filter(StringUtils::hasText).toList()));
	}

}
