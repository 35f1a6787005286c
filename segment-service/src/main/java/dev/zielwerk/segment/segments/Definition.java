package dev.zielwerk.segment.segments;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.RuleIndex;

/**
 * A stored segment with its parsed rule and what the rule depends on.
 *
 * @param segment the segment
 * @param rule the rule's tree
 * @param index what the rule depends on
 */
public record Definition(Segment segment, Condition rule, RuleIndex index) {

	public String key() {
		return this.segment.key();
	}

	public boolean isActive() {
		return this.segment.status() == SegmentStatus.ACTIVE;
	}

}
