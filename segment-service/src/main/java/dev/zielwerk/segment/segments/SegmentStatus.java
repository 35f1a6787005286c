package dev.zielwerk.segment.segments;

/** Whether a segment follows its profiles. */
public enum SegmentStatus {

	/** Membership follows every message and the clock. */
	ACTIVE,

	/** Membership is frozen; resuming recomputes it. */
	PAUSED,

	/** The batch is computing the whole membership. */
	COMPUTING

}
