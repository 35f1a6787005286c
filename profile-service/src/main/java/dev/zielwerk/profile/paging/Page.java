package dev.zielwerk.profile.paging;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a Relay connection. {@code totalCount} is null when nobody asked for it, so
 * the count query is skipped.
 */
public record Page<T>(List<Edge<T>> edges, PageInfo pageInfo, @Nullable Integer totalCount) {

	/** The maximum page size; larger {@code first} arguments are rejected. */
	public static final int MAX_SIZE = 100;

	/**
	 * A page from {@code size + 1} fetched items: the extra one only tells that more
	 * follow.
	 */
	public static <T> Page<T> of(List<T> fetched, int size, Function<T, String> cursor, @Nullable Integer totalCount) {
		List<T> items = (fetched.size() > size) ? fetched.subList(0, size) : fetched;
		List<Edge<T>> edges = items.stream().map((item) -> new Edge<>(cursor.apply(item), item)).toList();
		String end = edges.isEmpty() ? null : edges.getLast().cursor();
		return new Page<>(edges, new PageInfo(fetched.size() > size, end), totalCount);
	}

}
