package dev.zielwerk.segment.rule;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code event "Order Completed" where properties.total > 50}, or {@code event any}.
 *
 * @param name the exact event name, or {@code null} for any event
 * @param filters conditions on the event's properties, all of which must hold
 */
public record EventSelector(@Nullable String name, List<PropertyFilter> filters) implements Node {

	public EventSelector {
		filters = List.copyOf(filters);
	}

	/**
	 * Whether every event matches by name.
	 * @return true for {@code event any}
	 */
	public boolean isAny() {
		return this.name == null;
	}

}
