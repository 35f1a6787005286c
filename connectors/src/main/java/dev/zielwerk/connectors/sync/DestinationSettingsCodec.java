package dev.zielwerk.connectors.sync;

import java.time.Duration;
import java.time.format.DateTimeParseException;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.ConsentPurpose;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;
import dev.zielwerk.connectors.destination.cms.CmsSettings;
import dev.zielwerk.connectors.destination.google.GoogleAdsSettings;
import dev.zielwerk.connectors.destination.hubspot.HubSpotSettings;
import dev.zielwerk.connectors.destination.mailchimp.MailchimpSettings;
import dev.zielwerk.connectors.destination.meta.MetaSettings;
import dev.zielwerk.connectors.destination.webhook.WebhookSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Builds a destination's client settings from its stored row: the non-secret
 * {@code settings} column and the decrypted {@code credentials}. Field names per type:
 * <ul>
 * <li>MAILCHIMP: {@code listId}, {@code segmentId}?, {@code baseUrl}? /
 * {@code apiKey}</li>
 * <li>META_CUSTOM_AUDIENCE: {@code audienceId}, {@code apiVersion}?, {@code baseUrl}? /
 * {@code accessToken}</li>
 * <li>GOOGLE_CUSTOMER_MATCH: {@code customerId}, {@code userListId},
 * {@code loginCustomerId}?, {@code apiVersion}?, {@code baseUrl}?, {@code pollInterval}?
 * (ISO-8601, e.g. PT30S) / {@code accessToken}, {@code developerToken}</li>
 * <li>HUBSPOT_LIST: {@code listId}, {@code baseUrl}? / {@code accessToken}</li>
 * <li>WEBHOOK: {@code url}, {@code audienceKey}, {@code batchSize}? / {@code secret}</li>
 * <li>CMS: {@code catalogueUrl} / {@code secret} (signs the catalogue push),
 * {@code decideKey} (the bearer of the decide endpoint, at least 24 characters)</li>
 * </ul>
 */
final class DestinationSettingsCodec {

	private DestinationSettingsCodec() {
	}

	static DestinationSettings decode(DestinationType type, ConsentPurpose purpose, JsonNode settings,
			JsonNode credentials) {
		return switch (type) {
			case MAILCHIMP -> new MailchimpSettings(secret(credentials, "apiKey"), text(settings, "listId"),
					optional(settings, "segmentId"), optional(settings, "baseUrl"));
			case META_CUSTOM_AUDIENCE -> {
				MetaSettings defaults = MetaSettings.of(secret(credentials, "accessToken"),
						text(settings, "audienceId"));
				yield new MetaSettings(defaults.accessToken(), defaults.audienceId(),
						or(settings, "apiVersion", defaults.apiVersion()), or(settings, "baseUrl", defaults.baseUrl()));
			}
			case GOOGLE_CUSTOMER_MATCH -> {
				GoogleAdsSettings d = GoogleAdsSettings.of(secret(credentials, "accessToken"),
						secret(credentials, "developerToken"), text(settings, "customerId"),
						text(settings, "userListId"));
				yield new GoogleAdsSettings(d.accessToken(), d.developerToken(), optional(settings, "loginCustomerId"),
						d.customerId(), d.userListId(), or(settings, "apiVersion", d.apiVersion()),
						or(settings, "baseUrl", d.baseUrl()), duration(settings, "pollInterval", d.pollInterval()),
						d.maxPollWait());
			}
			case HUBSPOT_LIST -> new HubSpotSettings(secret(credentials, "accessToken"), text(settings, "listId"),
					purpose, or(settings, "baseUrl", "https://api.hubapi.com"));
			case WEBHOOK -> new WebhookSettings(text(settings, "url"), secret(credentials, "secret"),
					text(settings, "audienceKey"), purpose, settings.path("batchSize").asInt(100));
			case CMS -> new CmsSettings(text(settings, "catalogueUrl"), secret(credentials, "secret"),
					secret(credentials, "decideKey"));
		};
	}

	private static Duration duration(JsonNode node, String field, Duration fallback) {
		String value = optional(node, field);
		if (value == null) {
			return fallback;
		}
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"destination setting " + field + " is not an ISO-8601 duration: " + value);
		}
	}

	private static Secret secret(JsonNode credentials, String field) {
		return Secret.of(text(credentials, field));
	}

	private static String text(JsonNode node, String field) {
		String value = optional(node, field);
		if (value == null) {
			throw new IllegalArgumentException("destination setting " + field + " is missing");
		}
		return value;
	}

	private static String or(JsonNode node, String field, String fallback) {
		String value = optional(node, field);
		return (value != null) ? value : fallback;
	}

	private static @Nullable String optional(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return (value.isString() && !value.asString().isBlank()) ? value.asString() : null;
	}

}
