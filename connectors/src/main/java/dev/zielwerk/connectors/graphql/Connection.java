package dev.zielwerk.connectors.graphql;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A Relay connection page.
 *
 * @param edges the edges
 * @param pageInfo where it ends
 * @param <T> the node type
 */
record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

	/**
	 * A page from {@code first + 1} fetched nodes: the extra one only tells that more
	 * follow.
	 */
	static <T> Connection<T> of(List<T> fetched, int first, Function<T, String> cursor) {
		List<T> nodes = fetched.subList(0, Math.min(first, fetched.size()));
		List<Edge<T>> edges = nodes.stream().map((node) -> new Edge<>(node, cursor.apply(node))).toList();
		String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
		return new Connection<>(edges, new PageInfo(fetched.size() > first, end));
	}

	record Edge<T>(T node, String cursor) {

	}

	record PageInfo(boolean hasNextPage, @Nullable String endCursor) {

	}

}
