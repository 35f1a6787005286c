package dev.zielwerk.gateway.supergraph;

import java.util.Map;
import java.util.Set;

/**
 * What the join directives say about one field: the subgraphs that resolve it and, per
 * subgraph, the fields it requires and provides, and its type where a subgraph declares
 * another one than the supergraph ({@code @join__field(type:)}, e.g. {@code ID!} against
 * the supergraph's {@code ID}).
 */
record FieldMeta(Set<String> resolvedBy, Set<String> externalIn, Map<String, String> requires,
		Map<String, String> provides, Map<String, String> types) {
}
