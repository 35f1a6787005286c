package dev.zielwerk.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.zielwerk.gateway.execute.SubgraphRequestHeaders;
import dev.zielwerk.gateway.supergraph.Subgraph;
import dev.zielwerk.identity.CallerIdentity;
import dev.zielwerk.identity.IdentityTokens;
import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * The {@value IdentityTokens#HEADER} value for a caller: a short-lived token signed with
 * the secret the gateway shares with the subgraphs. Minted once per caller and reused
 * until half its lifetime is gone, so a token always has at least half its lifetime left
 * when a subgraph checks it, and the gateway signs once per caller per minute rather than
 * once per fetch.
 */
public final class IdentityHeaders implements SubgraphRequestHeaders {

	private final @Nullable IdentityTokens tokens;

	private final Duration lifetime;

	private final Clock clock;

	private final Cache<CallerIdentity, Minted> minted;

	/**
	 * Headers that are never sent (no secret is configured).
	 * @return the disabled minter
	 */
	public static IdentityHeaders disabled() {
		return new IdentityHeaders(null, IdentityTokens.DEFAULT_LIFETIME, Clock.systemUTC());
	}

	/**
	 * Whether tokens are minted at all.
	 * @return false without a secret
	 */
	public boolean enabled() {
		return this.tokens != null;
	}

	public IdentityHeaders(@Nullable IdentityTokens tokens, Duration lifetime, Clock clock) {
		this.tokens = tokens;
		this.lifetime = lifetime;
		this.clock = clock;
		this.minted = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(lifetime).build();
	}

	/**
	 * The token for a caller.
	 * @param caller the caller
	 * @return the header value, null when disabled
	 */
	public @Nullable String token(CallerIdentity caller) {
		IdentityTokens tokens = this.tokens;
		if (tokens == null) {
			return null;
		}
		Instant now = this.clock.instant();
		// the key leaves out the credential's expiry: the token's own expiry is shorter
		CallerIdentity key = caller.expiringAt(Instant.EPOCH);
		Minted current = this.minted.getIfPresent(key);
		if (current != null && now.isBefore(current.renewAt()) && !now.isAfter(caller.expiresAt())) {
			return current.token();
		}
		Instant expiresAt = now.plus(this.lifetime);
		if (caller.expiresAt().isBefore(expiresAt)) {
			expiresAt = caller.expiresAt();
		}
		String token = tokens.mint(caller.expiringAt(expiresAt));
		this.minted.put(key, new Minted(token, now.plus(this.lifetime.dividedBy(2))));
		return token;
	}

	@Override
	public void add(Subgraph subgraph, ContextView context, HttpHeaders headers) {
		String token = token(CallerContext.orAnonymous(context));
		if (token != null) {
			headers.set(IdentityTokens.HEADER, token);
		}
	}

	private record Minted(String token, Instant renewAt) {
	}

}
