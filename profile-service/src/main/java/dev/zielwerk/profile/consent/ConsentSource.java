package dev.zielwerk.profile.consent;

/** Where a consent decision came from. */
public enum ConsentSource {

	ZERO_PARTY_FORM, CMP, IMPORT, API

}
