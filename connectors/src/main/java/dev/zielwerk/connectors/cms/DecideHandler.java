package dev.zielwerk.connectors.cms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.zielwerk.connectors.destination.Identifiers;
import dev.zielwerk.connectors.sync.DestinationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /v1/decide/{destinationId}?profile=<profile id>}: which of the segments
 * synced to a CMS destination the visitor is in, as segment keys, so a CMS or edge picks
 * content variants. The profile id may instead come in the {@code X-Zielwerk-Profile}
 * header (an edge that reads it from the first-party cookie and keeps it out of URLs and
 * logs).
 * <p>
 * Authenticated with the destination's decide key ({@code Authorization: Bearer ...}),
 * compared in constant time with its stored SHA-256. The answer is
 * {@code {"segments":[keys],"ttl":seconds}} and nothing else: no profile data, not even
 * whether the profile exists. Membership comes from the destination's sync runs, which
 * add only visitors whose PERSONALIZATION consent is granted and remove them when it is
 * withdrawn (the withdrawal message flips them out at once); a visitor without that
 * consent, or unknown, gets an empty list.
 * <p>
 * Cacheable per visitor: {@code Cache-Control: private, max-age}, a strong {@code ETag}
 * over the answer with 304 on a matching {@code If-None-Match}, and
 * {@code Vary: Authorization, X-Zielwerk-Profile} (the query string is part of the cache
 * key anyway).
 */
final class DecideHandler {

	static final String PROFILE_HEADER = "X-Zielwerk-Profile";

	private static final String UNKNOWN_KEY_HASH = Identifiers.sha256Hex("no such key");

	private final DatabaseClient database;

	private final Duration maxAge;

	DecideHandler(DatabaseClient database, Duration maxAge) {
		this.database = database;
		this.maxAge = maxAge;
	}

	Mono<ServerResponse> decide(ServerRequest request) {
		Optional<UUID> destination = uuid(request.pathVariable("destinationId"));
		String presented = bearer(request);
		return storedKeyHash(destination).defaultIfEmpty(UNKNOWN_KEY_HASH).flatMap((stored) -> {
			// the same comparison for an unknown destination: answers do not reveal
			// which destinations exist
			boolean authorised = presented != null && destination.isPresent()
					&& MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
							DestinationRegistry.decideKeyHash(presented).getBytes(StandardCharsets.US_ASCII));
			if (!authorised) {
				return ServerResponse.status(HttpStatus.UNAUTHORIZED)
					.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"decide\"")
					.cacheControl(CacheControl.noStore())
					.build();
			}
			String profile = profile(request);
			if (profile == null) {
				return ServerResponse.badRequest()
					.cacheControl(CacheControl.noStore())
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("error", "give the visitor's profile id as the query parameter profile"
							+ " or the header " + PROFILE_HEADER));
			}
			return segments(destination.get(), profile).flatMap((keys) -> answer(request, keys));
		});
	}

	private Mono<ServerResponse> answer(ServerRequest request, List<String> keys) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("segments", keys);
		body.put("ttl", this.maxAge.toSeconds());
		String etag = "\"" + Identifiers.sha256Hex(String.join("\n", keys)).substring(0, 32) + "\"";
		CacheControl cache = CacheControl.maxAge(this.maxAge).cachePrivate();
		String[] vary = { HttpHeaders.AUTHORIZATION, PROFILE_HEADER };
		if (matches(request.headers().header(HttpHeaders.IF_NONE_MATCH), etag)) {
			return ServerResponse.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cache).varyBy(vary).build();
		}
		return ServerResponse.ok()
			.eTag(etag)
			.cacheControl(cache)
			.varyBy(vary)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body);
	}

	private Mono<String> storedKeyHash(Optional<UUID> destination) {
		if (destination.isEmpty()) {
			return Mono.empty();
		}
		return this.database
			.sql("SELECT decide_key_hash FROM destinations WHERE id = :id AND type = 'CMS'"
					+ " AND decide_key_hash IS NOT NULL")
			.bind("id", destination.get())
			.map((row) -> row.get("decide_key_hash", String.class))
			.one();
	}

	/** The keys of the destination's segments the profile is in, sorted. */
	private Mono<List<String>> segments(UUID destination, String profile) {
		return this.database.sql("""
				SELECT DISTINCT s.segment_key FROM audience_syncs s
				JOIN synced_members m ON m.sync_id = s.id AND m.member_key = :profile AND m.state = 'IN'
				WHERE s.destination_id = :destination ORDER BY s.segment_key""")
			.bind("profile", profile)
			.bind("destination", destination)
			.map((row) -> row.get("segment_key", String.class))
			.all()
			.collectList();
	}

	private static boolean matches(List<String> ifNoneMatch, String etag) {
		for (String header : ifNoneMatch) {
			for (String candidate : header.split(",")) {
				String tag = candidate.trim();
				if (tag.startsWith("W/")) {
					tag = tag.substring(2);
				}
				if (tag.equals("*") || tag.equals(etag)) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable String bearer(ServerRequest request) {
		String header = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = header.substring(7).trim();
		return token.isEmpty() ? null : token;
	}

	private static @Nullable String profile(ServerRequest request) {
		String header = request.headers().firstHeader(PROFILE_HEADER);
		String value = (header != null) ? header : request.queryParam("profile").orElse(null);
		return (value == null || value.isBlank() || value.length() > 200) ? null : value.trim();
	}

	private static Optional<UUID> uuid(String text) {
		try {
			return Optional.of(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
