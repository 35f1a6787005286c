package dev.zielwerk.connectors.credential;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the {@link CredentialCipher} when a credential key is configured. Without one,
 * no cipher exists and nothing that stores credentials can start, rather than storing
 * them in clear.
 */
@Configuration(proxyBeanMethods = false)
class CredentialCipherConfiguration {

	@Bean
	@ConditionalOnProperty("zielwerk.connectors.credential-key")
	CredentialCipher credentialCipher(CredentialKeyProperties properties) {
		return CredentialCipher.from(properties);
	}

}
