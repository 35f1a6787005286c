package dev.zielwerk.connectors.destination.clients;

import java.time.Duration;

import dev.zielwerk.connectors.destination.DestinationClient;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.ResilienceSettings;
import dev.zielwerk.connectors.destination.cms.CmsClient;
import dev.zielwerk.connectors.destination.cms.CmsSettings;
import dev.zielwerk.connectors.destination.google.GoogleAdsSettings;
import dev.zielwerk.connectors.destination.google.GoogleCustomerMatchClient;
import dev.zielwerk.connectors.destination.hubspot.HubSpotListClient;
import dev.zielwerk.connectors.destination.hubspot.HubSpotSettings;
import dev.zielwerk.connectors.destination.mailchimp.MailchimpClient;
import dev.zielwerk.connectors.destination.mailchimp.MailchimpSettings;
import dev.zielwerk.connectors.destination.meta.MetaCustomAudienceClient;
import dev.zielwerk.connectors.destination.meta.MetaSettings;
import dev.zielwerk.connectors.destination.webhook.WebhookClient;
import dev.zielwerk.connectors.destination.webhook.WebhookSettings;

/**
 * Opens the client for a destination with that destination's default limits. Each call
 * builds new resilience instances and a new connection pool: open one client per
 * destination and reuse it, so its limits hold across runs.
 */
public final class DestinationClients {

	private DestinationClients() {
	}

	/**
	 * A client with the destination's default limits.
	 * @param settings the destination
	 * @return the client; close it when the destination is deleted or changed
	 */
	public static DestinationClient open(DestinationSettings settings) {
		return open(settings, defaultResilience(settings.type()));
	}

	/**
	 * A client with explicit limits.
	 * @param settings the destination
	 * @param resilience its limits
	 * @return the client
	 */
	public static DestinationClient open(DestinationSettings settings, ResilienceSettings resilience) {
		return switch (settings) {
			case MailchimpSettings mailchimp -> new MailchimpClient(mailchimp, resilience);
			case MetaSettings meta -> new MetaCustomAudienceClient(meta, resilience);
			case GoogleAdsSettings google -> new GoogleCustomerMatchClient(google, resilience);
			case HubSpotSettings hubspot -> new HubSpotListClient(hubspot, resilience);
			case WebhookSettings webhook -> new WebhookClient(webhook, resilience);
			case CmsSettings cms -> new CmsClient(cms, resilience);
			default -> throw new IllegalArgumentException("no client for " + settings.type());
		};
	}

	/**
	 * The published limits of each destination kind.
	 * @param type the kind
	 * @return its default limits
	 */
	public static ResilienceSettings defaultResilience(DestinationType type) {
		return switch (type) {
			case MAILCHIMP -> MailchimpClient.defaultResilience();
			case HUBSPOT_LIST -> HubSpotListClient.defaultResilience();
			case WEBHOOK, CMS -> WebhookClient.defaultResilience();
			// jobs on one list conflict (CONCURRENT_MODIFICATION): keep few calls in
			// flight
			case GOOGLE_CUSTOMER_MATCH -> ResilienceSettings.defaults().withConcurrency(2);
			// 190,000 + 40 per audience calls an hour per ad account: about 50 a second
			case META_CUSTOM_AUDIENCE -> ResilienceSettings.defaults().withRateLimit(50, Duration.ofSeconds(1));
		};
	}

}
