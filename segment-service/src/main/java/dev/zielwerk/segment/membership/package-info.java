/**
 * Membership: PostgreSQL holds the truth (current members and every enter and exit),
 * Redis the hot copy (members per segment, segments per profile) and the pub/sub channel
 * of changes; the batch computes a segment's whole membership with SQL.
 */
@NullMarked
package dev.zielwerk.segment.membership;

import org.jspecify.annotations.NullMarked;
