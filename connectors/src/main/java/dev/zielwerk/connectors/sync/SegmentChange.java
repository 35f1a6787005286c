package dev.zielwerk.connectors.sync;

/**
 * A membership change as segment-service publishes it on the Redis channel
 * {@code <namespace>:segment-changes}: {@code {"segmentId", "key", "profileId", "change":
 * "ENTERED"|"EXITED", "at"}}.
 *
 * @param segmentId the segment's id
 * @param key the segment's key
 * @param profileId the profile that entered or left
 * @param change {@code ENTERED} or {@code EXITED}
 * @param at when (ISO-8601)
 */
record SegmentChange(String segmentId, String key, String profileId, String change, String at) {

}
