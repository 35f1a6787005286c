package dev.zielwerk.profile.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The Segment HTTP Tracking API paths. */
@Configuration(proxyBeanMethods = false)
class IngestRoutes {

	@Bean
	RouterFunction<ServerResponse> segmentRoutes(SegmentHttpHandler handler) {
		return RouterFunctions.route()
			.POST("/v1/batch", (request) -> handler.handle(request, null))
			.POST("/v1/import", (request) -> handler.handle(request, null))
			.POST("/v1/track", (request) -> handler.handle(request, EventKind.TRACK))
			.POST("/v1/identify", (request) -> handler.handle(request, EventKind.IDENTIFY))
			.POST("/v1/page", (request) -> handler.handle(request, EventKind.PAGE))
			.POST("/v1/screen", (request) -> handler.handle(request, EventKind.SCREEN))
			.POST("/v1/group", (request) -> handler.handle(request, EventKind.GROUP))
			.POST("/v1/alias", (request) -> handler.handle(request, EventKind.ALIAS))
			.build();
	}

}
