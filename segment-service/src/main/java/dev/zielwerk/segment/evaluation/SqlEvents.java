package dev.zielwerk.segment.evaluation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.zielwerk.segment.rule.Condition;
import dev.zielwerk.segment.rule.EventSelector;
import dev.zielwerk.segment.rule.PropertyFilter;
import dev.zielwerk.segment.rule.PropertyRef;
import dev.zielwerk.segment.rule.Value;
import dev.zielwerk.segment.rule.Window;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates and recency tests as columns of one grouped scan of
 * {@code segment.profile_events}: each column is an aggregate with a {@code FILTER} for
 * its selector and window, so all of a rule's event tests cost one pass over the events.
 */
final class SqlEvents {

	private final QueryParts parts;

	private final SqlPredicates predicates;

	SqlEvents(QueryParts parts, SqlPredicates predicates) {
		this.parts = parts;
		this.predicates = predicates;
	}

	SqlValue.Num aggregate(Value.Aggregate aggregate) {
		PropertyRef property = aggregate.property();
		if (property == null) {
			// count, or an invalid rule: the in-memory evaluator counts too
			String count = this.parts.eventColumn(aggregate,
					() -> "count(*) filter (where " + filter(aggregate.event(), aggregate.window()) + ")");
			return new SqlValue.Num("coalesce(" + count + ", 0)", "1");
		}
		String number = "(case when jsonb_typeof(" + json(property) + ") = 'number' then (" + json(property)
				+ ")::numeric end)";
		return switch (aggregate.function()) {
			case COUNT -> new SqlValue.Num("coalesce(" + column(aggregate, "count(*)", "count") + ", 0)", "1");
			case SUM -> new SqlValue.Num("coalesce(" + column(aggregate, "sum(" + number + ")", "sum") + ", 0)", "1");
			case AVG -> new SqlValue.Num(column(aggregate, "sum(" + number + ")", "sum"),
					column(aggregate, "count(" + number + ")", "numbers"));
			case MIN -> new SqlValue.Num(column(aggregate, "min(" + number + ")", "min"), "1");
			case MAX -> new SqlValue.Num(column(aggregate, "max(" + number + ")", "max"), "1");
		};
	}

	String recency(Condition.Recency recency) {
		String occurredAt = recencyColumn(recency);
		String operator = (recency.timing() == Condition.Recency.Timing.WITHIN) ? " > " : " <= ";
		return "coalesce(" + occurredAt + operator + this.parts.nowMinus(recency.duration().toDuration()) + ", false)";
	}

	/**
	 * When the recency test's answer next flips with no new event ({@link NextChange}):
	 * its event's time plus the duration, when that is after now; NULL otherwise.
	 */
	String recencyNext(Condition.Recency recency) {
		String occurredAt = recencyColumn(recency);
		Duration length = recency.duration().toDuration();
		return "(case when " + occurredAt + " > " + this.parts.nowMinus(length) + " then " + occurredAt + " + "
				+ this.parts.interval(length) + " end)";
	}

	/**
	 * The earliest instant after now at which a matching event enters or leaves a
	 * {@code within} window ({@link NextChange}): an event after now enters at its time,
	 * an event inside the window leaves at its time plus the duration; NULL without such
	 * an event or for other windows, which the clock alone never changes.
	 */
	@Nullable String windowNext(Value.Aggregate aggregate) {
		if (!(aggregate.window() instanceof Window.Within within)) {
			return null;
		}
		Duration length = within.duration().toDuration();
		return this.parts.eventColumn(List.of("next", aggregate.event(), within),
				() -> "min(case when e.occurred_at > " + this.parts.nowMinus(Duration.ZERO)
						+ " then e.occurred_at when e.occurred_at > " + this.parts.nowMinus(length)
						+ " then e.occurred_at + " + this.parts.interval(length) + " end) filter (where "
						+ selector(aggregate.event()) + ")");
	}

	private String recencyColumn(Condition.Recency recency) {
		String function = (recency.occurrence() == Condition.Recency.Occurrence.FIRST) ? "min" : "max";
		return this.parts.eventColumn(List.of(function, recency.event()),
				() -> function + "(e.occurred_at) filter (where " + selector(recency.event()) + ")");
	}

	private String column(Value.Aggregate aggregate, String function, String kind) {
		return this.parts.eventColumn(List.of(kind, aggregate.event(), aggregate.window(), aggregate.property()),
				() -> function + " filter (where " + filter(aggregate.event(), aggregate.window()) + ")");
	}

	private String filter(EventSelector selector, Window window) {
		String events = selector(selector);
		return switch (window) {
			case Window.Within within ->
				events + " and e.occurred_at > " + this.parts.nowMinus(within.duration().toDuration())
						+ " and e.occurred_at <= " + this.parts.nowMinus(Duration.ZERO);
			case Window.Between between ->
				events + " and e.occurred_at >= " + this.parts.instant(IsoInstants.ceilMicros(between.from()))
						+ " and e.occurred_at < " + this.parts.instant(IsoInstants.ceilMicros(between.to()));
			case Window.AllTime allTime -> events;
		};
	}

	private String selector(EventSelector selector) {
		this.parts.eventName(selector.name());
		List<String> conditions = new ArrayList<>();
		if (selector.name() != null) {
			conditions.add("coalesce(e.name = " + this.parts.text(selector.name()) + ", false)");
		}
		for (PropertyFilter filter : selector.filters()) {
			SqlValue property = new SqlValue.Json(json(filter.property()));
			conditions.add(switch (filter) {
				case PropertyFilter.Compare compare ->
					this.predicates.compare(property, compare.operator(), SqlPredicates.constant(compare.literal()));
				case PropertyFilter.In in -> this.predicates.in(property, in.list());
				case PropertyFilter.NotIn notIn -> this.predicates.notIn(property, notIn.list());
				case PropertyFilter.Exists exists -> this.predicates.exists(property);
			});
		}
		return conditions.isEmpty() ? "true" : conditions.stream().collect(Collectors.joining(" and ", "(", ")"));
	}

	private static String json(PropertyRef property) {
		return "(e.properties #> " + SqlCompiler.path(property.path()) + ")";
	}

}
