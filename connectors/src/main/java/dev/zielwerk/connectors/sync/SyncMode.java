package dev.zielwerk.connectors.sync;

/**
 * How a sync keeps a destination audience in line with its segment. In every mode a
 * member whose consent no longer covers the destination's purpose is removed: consent is
 * checked at send time and a withdrawal is never a silent skip.
 */
public enum SyncMode {

	/**
	 * Adds new members and re-sends members whose identifiers changed; members who left
	 * the segment stay.
	 */
	UPSERT,

	/**
	 * As {@link #UPSERT}, and removes members who left the segment: the destination
	 * mirrors the audience.
	 */
	MIRROR,

	/** Adds new members only: no updates, no removals for leaving the segment. */
	ADD_ONLY

}
