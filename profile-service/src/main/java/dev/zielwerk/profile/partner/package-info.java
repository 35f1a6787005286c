/**
 * Second-party data sharing: the owner shares a segment with a partner; the partner reads
 * its members only as SHA-256 hashes of normalized identifiers, only while the share is
 * active and only for people whose PARTNER_SHARING consent is granted at that moment; it
 * can count the overlap with its own list above a k-anonymity threshold, rate-limited,
 * and send traits back, stored as second-party traits {@code traits.partner.<id>.*}.
 * Every partner read and write lands in an append-only audit log.
 */
@NullMarked
package dev.zielwerk.profile.partner;

import org.jspecify.annotations.NullMarked;
