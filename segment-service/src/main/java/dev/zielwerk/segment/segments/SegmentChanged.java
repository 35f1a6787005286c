package dev.zielwerk.segment.segments;

/**
 * Published after a segment's definition or status change is committed and its membership
 * must be computed (it is COMPUTING).
 *
 * @param key the segment
 */
public record SegmentChanged(String key) {
}
