package dev.zielwerk.gateway.subscription;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An accepted subscription connection.
 *
 * @param principal who connected, as the authenticator knows them ({@code null} when
 * anonymous)
 * @param upstreamHeaders entries added to the {@code connection_init} payload the gateway
 * sends subgraphs (for example a caller identity token the subgraphs trust)
 */
public record ConnectionAuthentication(@Nullable Object principal, Map<String, String> upstreamHeaders) {

	/** Anonymous, adding nothing upstream. */
	public static final ConnectionAuthentication ANONYMOUS = new ConnectionAuthentication(null, Map.of());

	public ConnectionAuthentication {
		upstreamHeaders = Map.copyOf(upstreamHeaders);
	}

}
