package dev.zielwerk.connectors.destination.clients;

import java.util.List;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationClient;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.google.GoogleAdsSettings;
import dev.zielwerk.connectors.destination.hubspot.HubSpotSettings;
import dev.zielwerk.connectors.destination.mailchimp.MailchimpSettings;
import dev.zielwerk.connectors.destination.meta.MetaSettings;
import dev.zielwerk.connectors.destination.webhook.WebhookSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationClientsTests {

	@Test
	void opensEachDestinationWithItsPurposeAndBatchSize() {
		Secret secret = Secret.of("s3cr3t-us19");
		List<DestinationSettings> all = List.of(new MailchimpSettings(secret, "l", null, null),
				MetaSettings.of(secret, "a"), GoogleAdsSettings.of(secret, secret, "1", "2"),
				HubSpotSettings.of(secret, "7"), WebhookSettings.of("https://example.com/hook",
						Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), "vip"));
		for (DestinationSettings settings : all) {
			try (DestinationClient client = DestinationClients.open(settings)) {
				assertThat(client.type()).isEqualTo(settings.type());
				assertThat(client.purpose()).isEqualTo(settings.type().defaultPurpose());
				assertThat(client.maxBatchSize()).isPositive();
			}
			assertThat(settings.toString()).doesNotContain("s3cr3t").doesNotContain("whsec_");
		}
	}

	@Test
	void usesThePublishedLimitsPerDestination() {
		assertThat(DestinationClients.defaultResilience(DestinationType.MAILCHIMP).maxConcurrentCalls()).isEqualTo(10);
		assertThat(DestinationClients.defaultResilience(DestinationType.HUBSPOT_LIST).callsPerPeriod()).isEqualTo(100);
		assertThat(ConsentPurpose.valueOf("ADVERTISING"))
			.isEqualTo(DestinationType.META_CUSTOM_AUDIENCE.defaultPurpose())
			.isEqualTo(DestinationType.GOOGLE_CUSTOMER_MATCH.defaultPurpose());
	}

}
