package dev.zielwerk.profile.partner;

/** What an audit entry records. */
public enum AuditAction {

	/** The owner registered the partner. */
	PARTNER_CREATED,
	/** The owner shared a segment with the partner. */
	SHARE_CREATED,
	/** The owner changed the identifier types or the expiry of a share. */
	SHARE_CHANGED,
	/** The owner revoked a share. */
	SHARE_REVOKED,
	/** The partner listed its shares (row count: shares listed). */
	SHARES_LISTED,
	/** The partner read a page of members (row count: members returned). */
	MEMBERS_READ,
	/**
	 * The partner asked for an overlap (row count: hashes sent; matched: the overlap).
	 */
	OVERLAP_QUERIED,
	/**
	 * An overlap query refused by the rate limit or because the limit could not be
	 * checked.
	 */
	OVERLAP_REFUSED,
	/** The partner sent traits (row count: rows sent; matched: rows stored). */
	TRAITS_IMPORTED,
	/** The partner asked for a share that is not (or no longer) open to it. */
	ACCESS_DENIED

}
