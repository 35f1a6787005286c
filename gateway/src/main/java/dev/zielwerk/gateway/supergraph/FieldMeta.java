package dev.zielwerk.gateway.supergraph;

import java.util.Map;
import java.util.Set;

/**
 * What the join directives say about one field: the subgraphs that resolve it and, per
 * subgraph, the fields it requires and provides.
 */
record FieldMeta(Set<String> resolvedBy, Set<String> externalIn, Map<String, String> requires,
		Map<String, String> provides) {
}
