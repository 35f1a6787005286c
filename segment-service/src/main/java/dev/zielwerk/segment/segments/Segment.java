package dev.zielwerk.segment.segments;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A segment as stored.
 *
 * @param id the id
 * @param key the stable key rules refer to ({@code in segment "key"})
 * @param name the display name
 * @param description what it is for
 * @param ruleText the rule as written
 * @param ruleAst the rule's tree as JSON (RuleJson)
 * @param status the status
 * @param size the current number of members
 * @param version grows on every change
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Segment(UUID id, String key, String name, @Nullable String description, String ruleText, String ruleAst,
		SegmentStatus status, long size, long version, Instant createdAt, Instant updatedAt) {
}
