package dev.zielwerk.gateway.supergraph;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the join directives say about one composite type: the subgraphs that define it,
 * the resolvable keys per subgraph, the subgraphs that see it as an interface object, and
 * its fields.
 */
record TypeMeta(String name, Set<String> definedIn, Map<String, List<String>> keys, Set<String> interfaceObjectIn,
		Map<String, FieldMeta> fields) {
}
