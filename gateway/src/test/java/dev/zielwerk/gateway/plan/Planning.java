package dev.zielwerk.gateway.plan;

import java.util.Map;

import dev.zielwerk.gateway.operation.OperationPreparer;
import dev.zielwerk.gateway.operation.ParsedDocument;
import dev.zielwerk.gateway.supergraph.Supergraph;
import graphql.language.Document;
import graphql.language.OperationDefinition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses, validates, normalizes and plans an operation the way the gateway does.
 */
final class Planning {

	private Planning() {
	}

	static QueryPlan plan(Supergraph supergraph, String query, Map<String, Object> variables) {
		OperationPreparer preparer = new OperationPreparer(supergraph.apiSchema(), supergraph.schema());
		ParsedDocument parsed = preparer.parse(query);
		assertThat(parsed.errors()).isEmpty();
		Document document = parsed.document();
		OperationDefinition operation = preparer.select(document, null);
		return new QueryPlanner(supergraph)
			.plan(preparer.normalize(document, operation, preparer.coerce(operation, variables)));
	}

	static QueryPlan plan(Supergraph supergraph, String query) {
		return plan(supergraph, query, Map.of());
	}

}
