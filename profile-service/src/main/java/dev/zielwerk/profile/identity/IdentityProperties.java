package dev.zielwerk.profile.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings.
 *
 * @param defaultRegion ISO 3166 region assumed for phone numbers written without a
 * country code
 */
@ConfigurationProperties("zielwerk.profile.identity")
public record IdentityProperties(@DefaultValue(IdentifierNormalizer.DEFAULT_REGION) String defaultRegion) {
}
