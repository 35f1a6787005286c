package dev.zielwerk.connectors.credential;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys that encrypt destination credentials at rest.
 *
 * @param credentialKey the current 256-bit AES key, base64
 * ({@code openssl rand -base64 32})
 * @param credentialKeyId the id stored with each ciphertext so the key can be rotated
 * @param retiredCredentialKeys earlier keys by id, still accepted for decryption
 */
@ConfigurationProperties("zielwerk.connectors")
public record CredentialKeyProperties(@Nullable String credentialKey, @DefaultValue("k1") String credentialKeyId,
		@DefaultValue Map<String, String> retiredCredentialKeys) {

	@Override
	public String toString() {
		return "CredentialKeyProperties[credentialKeyId=" + this.credentialKeyId + ", retired="
				+ this.retiredCredentialKeys.keySet() + "]";
	}

}
