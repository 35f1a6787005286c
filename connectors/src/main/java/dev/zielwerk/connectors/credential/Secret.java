package dev.zielwerk.connectors.credential;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A credential value (API key, token, signing secret). Its {@link #toString()} is masked
 * so a secret inside a record, an exception or a log line prints as {@code ****}; only
 * {@link #reveal()} gives the value, at the point where it goes into a request.
 */
public final class Secret {

	private final String value;

	private Secret(String value) {
		this.value = Objects.requireNonNull(value, "value");
	}

	public static Secret of(String value) {
		return new Secret(value);
	}

	/**
	 * The secret value; call only where it is put on the wire or encrypted.
	 * @return the value
	 */
	public String reveal() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		// constant time, so comparing secrets leaks nothing through timing
		return other instanceof Secret secret && MessageDigest.isEqual(this.value.getBytes(StandardCharsets.UTF_8),
				secret.value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public int hashCode() {
		return 0;
	}

	@Override
	public String toString() {
		return "****";
	}

}
