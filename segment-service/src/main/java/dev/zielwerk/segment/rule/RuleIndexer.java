package dev.zielwerk.segment.rule;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/** Walks a tree once and collects what {@link RuleIndex} lists. */
final class RuleIndexer {

	private final Set<String> eventNames = new HashSet<>();

	private final Set<String> traitPaths = new HashSet<>();

	private final Set<ConsentPurpose> purposes = EnumSet.noneOf(ConsentPurpose.class);

	private final Set<String> segments = new HashSet<>();

	private boolean anyEvent;

	private boolean timeDependent;

	RuleIndex index(Condition rule) {
		condition(rule);
		return new RuleIndex(new TreeSet<>(this.eventNames), this.anyEvent, new TreeSet<>(this.traitPaths),
				this.purposes, new TreeSet<>(this.segments), this.timeDependent);
	}

	private void condition(Condition condition) {
		switch (condition) {
			case Condition.Or or -> or.operands().forEach(this::condition);
			case Condition.And and -> and.operands().forEach(this::condition);
			case Condition.Not not -> condition(not.operand());
			case Condition.Consent consent -> this.purposes.add(consent.purpose());
			case Condition.InSegment in -> this.segments.add(in.segmentKey());
			case Condition.Recency recency -> {
				event(recency.event());
				this.timeDependent = true;
			}
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
		}
	}

	private void value(Value value) {
		switch (value) {
			case Literal literal -> {
				// constants depend on nothing
			}
			case Value.TraitRef trait -> this.traitPaths.add(trait.dotted());
			case Value.Aggregate aggregate -> {
				event(aggregate.event());
				if (aggregate.window() instanceof Window.Within) {
					this.timeDependent = true;
				}
			}
			case Value.Arithmetic arithmetic -> {
				value(arithmetic.left());
				value(arithmetic.right());
			}
		}
	}

	private void event(EventSelector event) {
		if (event.name() == null) {
			this.anyEvent = true;
		}
		else {
			this.eventNames.add(event.name());
		}
	}

}
