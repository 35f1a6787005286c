package dev.zielwerk.connectors.destination;

/**
 * The configuration of one destination audience, secrets included (as
 * {@link dev.zielwerk.connectors.credential.Secret}, which never prints). Implemented by
 * each destination's settings record; {@code DestinationClients.open} turns one into a
 * client.
 */
public interface DestinationSettings {

	DestinationType type();

}
