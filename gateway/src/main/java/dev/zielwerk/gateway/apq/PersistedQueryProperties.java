package dev.zielwerk.gateway.apq;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Persisted queries ({@code zielwerk.gateway.persisted-queries.*}).
 *
 * @param enabled whether the {@code persistedQuery} extension is understood at all
 * @param safelist whether only registered operations run (a manifest or the admin path);
 * clients can then register nothing themselves
 * @param manifest an Apollo persisted query manifest ({@code classpath:}, {@code file:}
 * or a path) registered at startup
 * @param ttl how long an automatically persisted query stays in Redis after it was last
 * registered; safelisted operations never expire
 * @param localCacheSize how many operations each instance keeps in memory in front of
 * Redis
 * @param redisTimeout how long a Redis command may take before the lookup counts as a
 * miss (Redis is a shared cache here, never a reason to hang a request)
 * @param adminToken bearer token of {@code POST /admin/persisted-queries}; without one
 * the path does not exist
 */
@ConfigurationProperties("zielwerk.gateway.persisted-queries")
public record PersistedQueryProperties(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean safelist,
		@Nullable String manifest, @DefaultValue("7d") Duration ttl, @DefaultValue("1000") int localCacheSize,
		@DefaultValue("200ms") Duration redisTimeout, @Nullable String adminToken) {
}
