package dev.zielwerk.profile.identity;

/**
 * An identifier a message carries. A claim that is not {@code linkable} only finds a
 * profile and is never attached to one (an alias's {@code previousId} looked up as a user
 * id).
 */
public record Claim(Identifier identifier, boolean linkable) {

	public static Claim of(IdentityType type, String normalizedValue) {
		return new Claim(new Identifier(type, normalizedValue), true);
	}

}
