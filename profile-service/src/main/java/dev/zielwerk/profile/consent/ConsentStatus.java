package dev.zielwerk.profile.consent;

/**
 * Where a person stands on one purpose. WITHDRAWN is a grant taken back; DENIED was never
 * granted.
 */
public enum ConsentStatus {

	GRANTED, DENIED, WITHDRAWN

}
