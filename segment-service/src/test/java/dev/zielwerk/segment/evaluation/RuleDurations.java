package dev.zielwerk.segment.evaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.Value;
import dev.zielwerk.segment.rule.Window;

/** The durations of a rule's windows and recency tests, to test at their edges. */
final class RuleDurations {

	private final List<Duration> durations = new ArrayList<>(List.of(Duration.ZERO));

	private RuleDurations() {
	}

	static List<Duration> of(Condition rule) {
		RuleDurations walk = new RuleDurations();
		walk.condition(rule);
		return walk.durations;
	}

	private void condition(Condition condition) {
		switch (condition) {
			case Condition.Or or -> or.operands().forEach(this::condition);
			case Condition.And and -> and.operands().forEach(this::condition);
			case Condition.Not not -> condition(not.operand());
			case Condition.Recency recency -> this.durations.add(recency.duration().toDuration());
			case Condition.Comparison comparison -> {
				value(comparison.left());
				value(comparison.right());
			}
			case Condition.In in -> value(in.value());
			case Condition.NotIn notIn -> value(notIn.value());
			case Condition.Contains contains -> value(contains.value());
			case Condition.NotContains contains -> value(contains.value());
			case Condition.StartsWith startsWith -> value(startsWith.value());
			case Condition.Between between -> {
				value(between.value());
				value(between.low());
				value(between.high());
			}
			case Condition.Exists exists -> value(exists.value());
			case Condition.NotExists notExists -> value(notExists.value());
			case Condition.Consent consent -> {
			}
			case Condition.InSegment in -> {
			}
		}
	}

	private void value(Value value) {
		if (value instanceof Value.Arithmetic arithmetic) {
			value(arithmetic.left());
			value(arithmetic.right());
		}
		else if (value instanceof Value.Aggregate aggregate && aggregate.window() instanceof Window.Within within) {
			this.durations.add(within.duration().toDuration());
		}
	}

}
