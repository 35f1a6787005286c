package dev.zielwerk.gateway.composition;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One subgraph read for composition: its types and where its keys reach.
 *
 * @param name the subgraph name
 * @param url the endpoint
 * @param types the named types it declares (federation machinery left out)
 * @param federation1 a subgraph without a federation 2 {@code @link}: every field counts
 * as shareable, as Apollo's composition treats Federation 1 subgraphs
 * @param keyFields coordinates ({@code Type.field}) selected by a {@code @key}, which are
 * shareable by definition
 * @param providedFields coordinates of {@code @external} fields a {@code @provides} of
 * the subgraph selects: the subgraph resolves them on those paths
 */
record SubgraphModel(String name, String url, Map<String, SubType> types, boolean federation1, Set<String> keyFields,
		Set<String> providedFields) {

	SubgraphModel(String name, String url, Map<String, SubType> types, boolean federation1) {
		this(name, url, types, federation1, new LinkedHashSet<>(), new LinkedHashSet<>());
	}

	@Nullable SubType type(String typeName) {
		return this.types.get(typeName);
	}

	@Nullable SubField field(String typeName, String fieldName) {
		SubType type = this.types.get(typeName);
		return (type != null) ? type.fields.get(fieldName) : null;
	}

}
