package dev.zielwerk.profile.partner;

/** Where a share stands at a given instant; only ACTIVE shares show anything. */
public enum ShareStatus {

	ACTIVE, EXPIRED, REVOKED

}
