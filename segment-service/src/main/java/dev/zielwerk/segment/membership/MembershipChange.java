package dev.zielwerk.segment.membership;

import java.time.Instant;
import java.util.UUID;

/**
 * A profile entered or left a segment.
 *
 * @param segmentId the segment
 * @param key the segment's key
 * @param profileId the profile
 * @param change entered or exited
 * @param at the evaluation instant
 * @param reason what caused it ({@code event:Order Completed}, {@code traits},
 * {@code consent:EMAIL_MARKETING}, {@code time}, {@code merge}, {@code erase},
 * {@code batch})
 */
public record MembershipChange(UUID segmentId, String key, UUID profileId, Change change, Instant at, String reason) {

	/** The direction of a change. */
	public enum Change {

		/** Became a member. */
		ENTERED,

		/** Stopped being a member. */
		EXITED

	}

}
