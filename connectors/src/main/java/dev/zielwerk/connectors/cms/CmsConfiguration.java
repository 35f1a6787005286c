package dev.zielwerk.connectors.cms;

import dev.zielwerk.connectors.sync.DestinationRegistry;
import dev.zielwerk.connectors.sync.GatewayProperties;
import dev.zielwerk.connectors.sync.SyncProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wires the CMS connector; like the syncs it builds on, only with a credential key.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("zielwerk.connectors.credential-key")
class CmsConfiguration {

	@Bean
	RouterFunction<ServerResponse> decideRoute(DatabaseClient database, CmsProperties properties) {
		DecideHandler handler = new DecideHandler(database, properties.decideMaxAge());
		return RouterFunctions.route().GET("/v1/decide/{destinationId}", handler::decide).build();
	}

	@Bean
	CataloguePush cataloguePush(DatabaseClient database, DestinationRegistry destinations, GatewayProperties gateway) {
		return new CataloguePush(database, destinations, new SegmentCatalogueSource(WebClient.builder(), gateway));
	}

	/** Checks the catalogues periodically, on the instances that run workers. */
	@Bean
	SmartLifecycle catalogueChecks(CataloguePush push, CmsProperties properties, SyncProperties sync) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				if (sync.workersEnabled()) {
					push.start(properties.catalogueInterval());
				}
				this.running = true;
			}

			@Override
			public void stop() {
				push.stop();
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

}
