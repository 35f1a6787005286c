package dev.zielwerk.gateway.security;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public keys of a JWKS URL (RFC 7517), fetched without blocking and cached. Keys are
 * fetched again when the cache is older than its time to live, and when a token names a
 * key id the cache does not know (the issuer rotated its keys) but at most once per
 * refetch interval, so tokens with made-up key ids cannot turn the gateway into a flood
 * against the key server. Concurrent fetches share one request. When a fetch fails the
 * keys fetched before stay in use.
 */
public final class JwksKeys {

	private static final Log logger = LogFactory.getLog(JwksKeys.class);

	private static final int MAX_JWKS_BYTES = 256 * 1024;

	private final String url;

	private final HttpClient http;

	private final JsonMapper mapper;

	private final Duration ttl;

	private final Duration refetchInterval;

	private final Clock clock;

	private volatile @Nullable Snapshot snapshot;

	private volatile @Nullable Mono<Snapshot> fetching;

	private volatile Instant lastFetch = Instant.EPOCH;

	private final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();

	/**
	 * Creates the key source; nothing is fetched before the first token needs a key.
	 * @param url the JWKS URL
	 * @param mapper JSON parsing
	 * @param ttl how long fetched keys are used
	 * @param refetchInterval least time between fetches for an unknown key id
	 * @param timeout how long a fetch may take
	 * @param clock the clock
	 */
	public JwksKeys(String url, JsonMapper mapper, Duration ttl, Duration refetchInterval, Duration timeout,
			Clock clock) {
		this.url = url;
		this.mapper = mapper;
		this.ttl = ttl;
		this.refetchInterval = refetchInterval;
		this.clock = clock;
		this.http = HttpClient.create().responseTimeout(timeout).followRedirect(false);
	}

	/**
	 * The key to verify a token with.
	 * @param kid the token's key id, or null
	 * @param alg the token's algorithm ({@code RS256} or {@code ES256})
	 * @return the key, or an {@link AuthenticationException} when no key fits
	 */
	Mono<PublicKey> key(@Nullable String kid, String alg) {
		return Mono.defer(() -> {
			Snapshot current = this.snapshot;
			Instant now = this.clock.instant();
			if (current == null || now.isAfter(current.fetchedAt().plus(this.ttl))) {
				return fetch(current).map((keys) -> find(keys, kid, alg));
			}
			Jwk found = current.find(kid, alg);
			if (found != null) {
				return Mono.just(found.key());
			}
			if (kid != null && !now.isBefore(this.lastFetch.plus(this.refetchInterval))) {
				// a key id we do not know: the issuer may have rotated its keys
				return fetch(current).map((keys) -> find(keys, kid, alg));
			}
			return Mono.error(noKey(kid, alg));
		});
	}

	/**
	 * How many times the keys were fetched (for tests and metrics).
	 * @return the fetch count
	 */
	public int fetches() {
		return this.fetches.get();
	}

	private PublicKey find(Snapshot keys, @Nullable String kid, String alg) {
		Jwk found = keys.find(kid, alg);
		if (found == null) {
			throw noKey(kid, alg);
		}
		return found.key();
	}

	private static AuthenticationException noKey(@Nullable String kid, String alg) {
		return new AuthenticationException((kid != null) ? "The token's key id is not known to the issuer's key set."
				: "The token names no key id and the key set has no single " + alg + " key.");
	}

	private synchronized Mono<Snapshot> fetch(@Nullable Snapshot stale) {
		Mono<Snapshot> running = this.fetching;
		if (running != null) {
			return running;
		}
		this.lastFetch = this.clock.instant();
		Mono<Snapshot> fetch = this.http.get().uri(this.url).responseSingle((response, body) -> {
			if (response.status().code() != 200) {
				return Mono.error(new IllegalStateException("status " + response.status().code()));
			}
			return body.asByteArray();
		}).map((bytes) -> {
			if (bytes.length > MAX_JWKS_BYTES) {
				throw new IllegalStateException("the key set is larger than " + MAX_JWKS_BYTES + " bytes");
			}
			Snapshot parsed = new Snapshot(parse(this.mapper.readTree(bytes)), this.clock.instant());
			this.snapshot = parsed;
			this.fetches.incrementAndGet();
			return parsed;
		}).onErrorResume((ex) -> {
			logger.warn("Cannot fetch the JWKS from " + this.url + ": " + ex.getMessage());
			return (stale != null) ? Mono.just(stale)
					: Mono.error(new AuthenticationException("The issuer's signing keys are not available."));
		}).doOnTerminate(() -> this.fetching = null).cache();
		this.fetching = fetch;
		return fetch;
	}

	static List<Jwk> parse(JsonNode jwks) {
		List<Jwk> keys = new ArrayList<>();
		for (JsonNode key : jwks.path("keys")) {
			String use = key.path("use").asString("sig");
			if (!use.equals("sig")) {
				continue;
			}
			String kid = key.hasNonNull("kid") ? key.path("kid").asString() : null;
			String alg = key.hasNonNull("alg") ? key.path("alg").asString() : null;
			try {
				switch (key.path("kty").asString("")) {
					case "RSA" -> keys.add(new Jwk(kid, "RS256", alg, rsa(key)));
					case "EC" -> {
						if (key.path("crv").asString("").equals("P-256")) {
							keys.add(new Jwk(kid, "ES256", alg, ec(key)));
						}
					}
					default -> {
						// symmetric keys ("oct") are never taken from a key set: HS256
						// uses
						// only the configured secret
					}
				}
			}
			catch (GeneralSecurityException | IllegalArgumentException ex) {
				logger.warn("Skipping JWKS key " + kid + ": " + ex.getMessage());
			}
		}
		return keys;
	}

	private static PublicKey rsa(JsonNode key) throws GeneralSecurityException {
		BigInteger modulus = unsigned(key.path("n").asString(""));
		if (modulus.bitLength() < 2048) {
			throw new IllegalArgumentException("RSA keys under 2048 bits are refused");
		}
		return KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(modulus, unsigned(key.path("e").asString(""))));
	}

	private static PublicKey ec(JsonNode key) throws GeneralSecurityException {
		AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
		parameters.init(new ECGenParameterSpec("secp256r1"));
		ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
		ECPoint point = new ECPoint(unsigned(key.path("x").asString("")), unsigned(key.path("y").asString("")));
		// KeyFactory checks that the point lies on the curve
		return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
	}

	private static BigInteger unsigned(String base64url) {
		byte[] bytes = Base64.getUrlDecoder().decode(base64url);
		if (bytes.length == 0) {
			throw new IllegalArgumentException("empty key parameter");
		}
		return new BigInteger(1, bytes);
	}

	/**
	 * One verification key.
	 *
	 * @param kid its key id, if any
	 * @param tokenAlg the token algorithm it verifies
	 * @param alg the {@code alg} the key set names for it, if any
	 * @param key the key
	 */
	record Jwk(@Nullable String kid, String tokenAlg, @Nullable String alg, PublicKey key) {

		boolean fits(String algorithm) {
			return this.tokenAlg.equals(algorithm) && (this.alg == null || this.alg.equals(algorithm));
		}

	}

	private record Snapshot(List<Jwk> keys, Instant fetchedAt) {

		@Nullable Jwk find(@Nullable String kid, String alg) {
			if (kid != null) {
				return this.keys.stream().filter((k) -> kid.equals(k.kid()) && k.fits(alg)).findFirst().orElse(null);
			}
			List<Jwk> candidates = this.keys.stream().filter((k) -> k.fits(alg)).toList();
			return (candidates.size() == 1) ? candidates.get(0) : null;
		}

	}

}
