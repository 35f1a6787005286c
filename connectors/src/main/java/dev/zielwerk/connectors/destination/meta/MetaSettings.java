package dev.zielwerk.connectors.destination.meta;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;

/**
 * One Meta custom audience.
 *
 * @param accessToken the system-user access token, sent as a Bearer header
 * @param audienceId the custom audience id
 * @param apiVersion the Graph API version ({@code v21.0})
 * @param baseUrl {@code https://graph.facebook.com}, or a fake's URL
 */
public record MetaSettings(Secret accessToken, String audienceId, String apiVersion,
		String baseUrl) implements DestinationSettings {

	@Override
	public DestinationType type() {
		return DestinationType.META_CUSTOM_AUDIENCE;
	}

	public static MetaSettings of(Secret accessToken, String audienceId) {
		return new MetaSettings(accessToken, audienceId, "v21.0", "https://graph.facebook.com");
	}

}
