package dev.zielwerk.connectors.destination.mailchimp;

import org.jspecify.annotations.Nullable;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;

/**
 * One Mailchimp audience.
 *
 * @param apiKey the API key ({@code …-us19}); its suffix names the data centre
 * @param listId the list (audience) id
 * @param segmentId a static segment (tag) to keep in sync, or {@code null} to sync list
 * subscription itself
 * @param baseUrl the API base URL, or {@code null} for
 * {@code https://{dc}.api.mailchimp.com/3.0}
 */
public record MailchimpSettings(Secret apiKey, String listId, @Nullable String segmentId,
		@Nullable String baseUrl) implements DestinationSettings {

	@Override
	public DestinationType type() {
		return DestinationType.MAILCHIMP;
	}

	/**
	 * The base URL: the configured one, else derived from the key's data centre.
	 * @return the base URL
	 */
	public String resolvedBaseUrl() {
		if (this.baseUrl != null) {
			return this.baseUrl;
		}
		String key = this.apiKey.reveal();
		int dash = key.lastIndexOf('-');
		if (dash < 0 || dash == key.length() - 1) {
			throw new IllegalArgumentException("Mailchimp API key has no data-centre suffix");
		}
		return "https://" + key.substring(dash + 1) + ".api.mailchimp.com/3.0";
	}

}
