package dev.zielwerk.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.zielwerk.identity.CallerIdentity;

/**
 * API keys of machine clients, configured only as SHA-256 hashes: a key is hashed and
 * compared with every configured hash in constant time. Keys are long random strings, so
 * an unsalted fast hash is enough (nobody guesses a preimage of a 256-bit random key);
 * passwords would need a slow one.
 */
public final class ApiKeys {

	/** API keys do not expire by themselves; they are removed from configuration. */
	static final Instant NO_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

	private final List<Entry> entries;

	/**
	 * @param keys the configured keys by name
	 * @throws IllegalArgumentException when a hash is not 64 hex digits
	 */
	public ApiKeys(Map<String, SecurityProperties.ApiKey> keys) {
		this.entries = keys.entrySet().stream().map((e) -> {
			String hash = e.getValue().sha256().trim().toLowerCase(Locale.ROOT);
			if (!hash.matches("[0-9a-f]{64}")) {
				throw new IllegalArgumentException("zielwerk.gateway.security.api-keys." + e.getKey()
						+ ".sha256 must be the key's SHA-256 as 64 hex digits");
			}
			return new Entry(e.getKey(), HexFormat.of().parseHex(hash), e.getValue());
		}).toList();
	}

	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/**
	 * The caller an API key stands for.
	 * @param key the key as sent
	 * @return the caller
	 * @throws AuthenticationException when no configured key matches
	 */
	public CallerIdentity authenticate(String key) {
		byte[] hash = sha256(key);
		Entry match = null;
		for (Entry entry : this.entries) {
			// every entry is compared, so timing does not tell which one matched
			if (MessageDigest.isEqual(entry.hash(), hash)) {
				match = entry;
			}
		}
		if (match == null) {
			throw new AuthenticationException("The API key is not valid.");
		}
		SecurityProperties.ApiKey config = match.config();
		return Identities.checked(match.name(), new LinkedHashSet<>(config.scopes()),
				new LinkedHashSet<>(config.roles()), config.partnerId(), NO_EXPIRY);
	}

	/**
	 * The hex SHA-256 of a key, as the configuration wants it.
	 * @param key the key
	 * @return 64 hex digits
	 */
	public static String hash(String key) {
		return HexFormat.of().formatHex(sha256(key));
	}

	private static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JDK", ex);
		}
	}

	private record Entry(String name, byte[] hash, SecurityProperties.ApiKey config) {
	}

}
