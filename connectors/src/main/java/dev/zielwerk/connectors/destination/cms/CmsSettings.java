package dev.zielwerk.connectors.destination.cms;

import dev.zielwerk.connectors.credential.Secret;
import dev.zielwerk.connectors.destination.DestinationSettings;
import dev.zielwerk.connectors.destination.DestinationType;

/**
 * A CMS (or edge) that asks which segments a visitor is in and receives the segment
 * catalogue.
 *
 * @param catalogueUrl where the segment catalogue is pushed (a CMS webhook)
 * @param secret the {@code whsec_} secret the catalogue push is signed with
 * @param decideKey the bearer key the CMS presents to the decide endpoint
 */
public record CmsSettings(String catalogueUrl, Secret secret, Secret decideKey) implements DestinationSettings {

	/** Shortest decide key accepted: it is the only thing guarding the endpoint. */
	public static final int MIN_DECIDE_KEY_LENGTH = 24;

	public CmsSettings {
		if (decideKey.reveal().length() < MIN_DECIDE_KEY_LENGTH) {
			throw new IllegalArgumentException(
					"destination setting decideKey must be at least " + MIN_DECIDE_KEY_LENGTH + " characters");
		}
	}

	@Override
	public DestinationType type() {
		return DestinationType.CMS;
	}

}
