package dev.zielwerk.connectors.sync;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway is and how connectors authenticate to it.
 *
 * @param url the gateway's GraphQL endpoint
 * @param token the service bearer token for sync jobs; empty sends no Authorization
 * header
 */
@ConfigurationProperties("zielwerk.connectors.gateway")
public record GatewayProperties(@DefaultValue("http://localhost:4000/graphql") String url,
		@DefaultValue("") String token) {

	@Override
	public String toString() {
		return "GatewayProperties[url=" + this.url + "]";
	}

}
