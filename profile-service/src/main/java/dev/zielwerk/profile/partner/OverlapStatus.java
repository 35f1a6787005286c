package dev.zielwerk.profile.partner;

/** Whether an overlap was large enough to be told. */
public enum OverlapStatus {

	/** At least the threshold: the count is given. */
	COUNTED,
	/** Below the threshold: the count is withheld. */
	BELOW_THRESHOLD

}
