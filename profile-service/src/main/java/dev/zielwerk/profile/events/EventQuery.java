package dev.zielwerk.profile.events;

import java.time.Instant;
import java.util.List;

import dev.zielwerk.profile.paging.Cursors;
import org.jspecify.annotations.Nullable;

/**
 * Which events to read for each profile: optional filters, the page size and the position
 * to continue after. Equal queries are batched together, so this is a value.
 *
 * @param kinds event kinds (TRACK, PAGE, ...), or null for all
 * @param names exact event names, or null for all
 * @param from inclusive lower bound on occurredAt
 * @param to exclusive upper bound on occurredAt
 * @param first page size
 * @param after position to continue after, or null for the newest
 */
public record EventQuery(@Nullable List<String> kinds, @Nullable List<String> names, @Nullable Instant from,
		@Nullable Instant to, int first, Cursors.@Nullable TimePosition after) {
}
