package dev.zielwerk.profile.identity;

/** The kinds of identifier a profile can be found by. */
public enum IdentityType {

	USER_ID, EMAIL, PHONE, ANONYMOUS_ID, DEVICE_ID, CUSTOM

}
