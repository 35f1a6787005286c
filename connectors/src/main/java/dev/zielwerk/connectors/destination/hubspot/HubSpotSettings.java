package dev.zielwerk.connectors.destination.hubspot;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.ConsentPurpose;

/**
 * One HubSpot list ({@code MANUAL} or {@code SNAPSHOT}; only those accept membership
 * calls).
 *
 * @param accessToken the private-app access token
 * @param listId the list id
 * @param purpose the consent purpose this CRM destination serves
 * @param baseUrl {@code https://api.hubapi.com}, or a fake's URL
 */
public record HubSpotSettings(Secret accessToken, String listId, ConsentPurpose purpose,
		String baseUrl) implements DestinationSettings {

	@Override
	public DestinationType type() {
		return DestinationType.HUBSPOT_LIST;
	}

	public static HubSpotSettings of(Secret accessToken, String listId) {
		return new HubSpotSettings(accessToken, listId, ConsentPurpose.EMAIL_MARKETING, "https://api.hubapi.com");
	}

}
