package dev.zielwerk.profile.identity;

/**
 * The kinds of identifier a profile can carry; the names are stored in
 * {@code identities.type} and used in suppression hashes.
 */
public enum IdentityType {

	USER_ID, EMAIL, PHONE, ANONYMOUS_ID, DEVICE_ID, CUSTOM

}
