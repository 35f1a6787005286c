package dev.zielwerk.segment.evaluation;

import java.time.Instant;
import java.util.List;

import dev.zielwerk.segment.rule.EventSelector;
import dev.zielwerk.segment.rule.PropertyFilter;
import dev.zielwerk.segment.rule.PropertyRef;
import dev.zielwerk.segment.rule.Window;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Which events a selector and a window take. */
final class EventMatching {

	private EventMatching() {
	}

	static boolean matches(EventSelector selector, ProfileState.Event event) {
		if (selector.name() != null && !selector.name().equals(event.name())) {
			return false;
		}
		for (PropertyFilter filter : selector.filters()) {
			if (!holds(filter, property(event.properties(), filter.property()))) {
				return false;
			}
		}
		return true;
	}

	static boolean inWindow(Window window, Instant occurredAt, Instant now) {
		return switch (window) {
			case Window.Within within ->
				occurredAt.isAfter(now.minus(within.duration().toDuration())) && !occurredAt.isAfter(now);
			case Window.Between between -> !occurredAt.isBefore(between.from()) && occurredAt.isBefore(between.to());
			case Window.AllTime allTime -> true;
		};
	}

	static RuntimeValue property(JsonNode properties, PropertyRef property) {
		return RuntimeValue.ofJson(walk(properties, property.path()));
	}

	/** Follows object keys; a key on anything but an object finds nothing. */
	static @Nullable JsonNode walk(@Nullable JsonNode start, List<String> path) {
		JsonNode node = start;
		for (String name : path) {
			if (node == null || !node.isObject()) {
				return null;
			}
			node = node.get(name);
		}
		return node;
	}

	private static boolean holds(PropertyFilter filter, RuntimeValue value) {
		return switch (filter) {
			case PropertyFilter.Compare compare ->
				Comparisons.compare(value, compare.operator(), RuntimeValue.of(compare.literal()));
			case PropertyFilter.In in -> Comparisons.in(value, in.list());
			case PropertyFilter.NotIn notIn -> Comparisons.notIn(value, notIn.list());
			case PropertyFilter.Exists exists -> value.isPresent();
		};
	}

}
