package dev.zielwerk.gateway.apq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Wires persisted queries: the Redis store, the startup manifest and the admin path
 * {@code POST /admin/persisted-queries} (a manifest as body, the admin token as bearer
 * token), which exists only when {@code zielwerk.gateway.persisted-queries.admin-token}
 * is set.
 */
@Configuration(proxyBeanMethods = false)
class PersistedQueryConfiguration {

	static final String ADMIN_PATH = "/admin/persisted-queries";

	private static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

	private static final Log logger = LogFactory.getLog(PersistedQueryConfiguration.class);

	@Bean
	PersistedQueries persistedQueries(PersistedQueryProperties properties,
			ObjectProvider<ReactiveStringRedisTemplate> redis, JsonMapper mapper,
			@Value("${zielwerk.redis.namespace:zw}") String namespace) throws IOException {
		ReactiveStringRedisTemplate template = redis.getIfAvailable();
		if (!properties.enabled() || template == null) {
			if (properties.safelist()) {
				throw new IllegalStateException(
						"zielwerk.gateway.persisted-queries.safelist needs persisted queries enabled and Redis.");
			}
			return PersistedQueries.disabled();
		}
		PersistedQueryStore store = new PersistedQueryStore(template, namespace, properties.ttl(),
				properties.redisTimeout(), properties.localCacheSize());
		PersistedQueries queries = new PersistedQueries(store, properties.safelist());
		String location = properties.manifest();
		if (StringUtils.hasText(location)) {
			Resource resource = location.contains(":") ? new DefaultResourceLoader().getResource(location)
					: new FileSystemResource(location);
			byte[] json;
			try (InputStream in = resource.getInputStream()) {
				json = in.readAllBytes();
			}
			PersistedQueryManifest manifest = PersistedQueryManifest.parse(json, mapper, location);
			// bounded: every Redis write has its own timeout, and the manifest stays in
			// memory
			// whatever Redis says
			Integer count = queries.register(manifest, true).block(Duration.ofSeconds(30));
			logger.info("Registered " + count + " persisted operations from " + location
					+ (properties.safelist() ? " (safelist mode: only these run)" : ""));
		}
		else if (properties.safelist()) {
			logger.info("Safelist mode without a manifest: only operations registered through " + ADMIN_PATH + " run");
		}
		return queries;
	}

	@Bean
	@ConditionalOnProperty("zielwerk.gateway.persisted-queries.admin-token")
	RouterFunction<ServerResponse> persistedQueryAdminRoutes(PersistedQueryProperties properties,
			PersistedQueries queries, JsonMapper mapper) {
		String token = String.valueOf(properties.adminToken());
		byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
		return RouterFunctions.route().POST(ADMIN_PATH, (request) -> {
			String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
			if (authorization == null
					|| !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8))) {
				return answer(HttpStatus.UNAUTHORIZED, "error", "A valid admin bearer token is required.", mapper);
			}
			return register(request, queries, mapper);
		}).build();
	}

	private static Mono<ServerResponse> register(ServerRequest request, PersistedQueries queries, JsonMapper mapper) {
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), MAX_MANIFEST_BYTES).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
			PersistedQueryManifest manifest;
			try {
				manifest = PersistedQueryManifest.parse(bytes, mapper, "in the request body");
			}
			catch (IllegalArgumentException ex) {
				return answer(HttpStatus.BAD_REQUEST, "error", String.valueOf(ex.getMessage()), mapper);
			}
			return queries.register(manifest, false).flatMap((count) -> {
				ObjectNode body = JsonNodeFactory.instance.objectNode().put("registered", count);
				return ServerResponse.ok()
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(mapper.writeValueAsBytes(body));
			});
		})
			.onErrorResume(DataBufferLimitException.class, (ex) -> answer(HttpStatus.CONTENT_TOO_LARGE, "error",
					"The manifest is larger than " + MAX_MANIFEST_BYTES + " bytes.", mapper));
	}

	private static Mono<ServerResponse> answer(HttpStatus status, String field, String message, JsonMapper mapper) {
		ObjectNode body = JsonNodeFactory.instance.objectNode().put(field, message);
		return ServerResponse.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(mapper.writeValueAsBytes(body));
	}

}
