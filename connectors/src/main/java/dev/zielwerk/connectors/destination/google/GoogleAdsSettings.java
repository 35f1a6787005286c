package dev.zielwerk.connectors.destination.google;

import java.time.Duration;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;
import org.jspecify.annotations.Nullable;

/**
 * One Customer Match user list.
 *
 * @param accessToken OAuth access token with scope
 * {@code https://www.googleapis.com/auth/adwords}
 * @param developerToken the developer token
 * @param loginCustomerId the manager account acting for the customer, or {@code null}
 * @param customerId the customer id (digits only)
 * @param userListId the user list id
 * @param apiVersion the REST version ({@code v20})
 * @param baseUrl {@code https://googleads.googleapis.com}, or a fake's URL
 * @param pollInterval wait between job status polls
 * @param maxPollWait how long one call waits for the job to finish before reporting it as
 * still running
 */
public record GoogleAdsSettings(Secret accessToken, Secret developerToken, @Nullable String loginCustomerId,
		String customerId, String userListId, String apiVersion, String baseUrl, Duration pollInterval,
		Duration maxPollWait) implements DestinationSettings {

	@Override
	public DestinationType type() {
		return DestinationType.GOOGLE_CUSTOMER_MATCH;
	}

	public static GoogleAdsSettings of(Secret accessToken, Secret developerToken, String customerId,
			String userListId) {
		return new GoogleAdsSettings(accessToken, developerToken, null, customerId, userListId, "v20",
				"https://googleads.googleapis.com", Duration.ofSeconds(30), Duration.ofMinutes(10));
	}

	String userList() {
		return "customers/" + this.customerId + "/userLists/" + this.userListId;
	}

}
