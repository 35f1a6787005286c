package dev.zielwerk.connectors.destination.webhook;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.ConsentPurpose;

/**
 * A webhook endpoint receiving audience membership changes.
 *
 * @param url the endpoint
 * @param secret the {@code whsec_} signing secret
 * @param audienceKey the key of the audience this endpoint receives (the segment key)
 * @param purpose the consent purpose the receiver's use falls under
 * @param batchSize members per message; 100 keeps a message near Standard Webhooks'
 * suggested 20 kB
 */
public record WebhookSettings(String url, Secret secret, String audienceKey, ConsentPurpose purpose,
		int batchSize) implements DestinationSettings {

	@Override
	public DestinationType type() {
		return DestinationType.WEBHOOK;
	}

	public static WebhookSettings of(String url, Secret secret, String audienceKey) {
		return new WebhookSettings(url, secret, audienceKey, ConsentPurpose.PERSONALIZATION, 100);
	}

}
